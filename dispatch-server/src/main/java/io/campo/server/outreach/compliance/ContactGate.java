package io.campo.server.outreach.compliance;

import io.campo.server.config.OutreachSettings;
import io.campo.server.outreach.channel.Channel;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The compliance gate: every outbound contact asks it first. It reads the facts ({@link ContactFacts}) of a whole batch
 * in one statement per channel and applies {@link ContactPolicy}. Blocking (JDBC); thread-safe.
 *
 * <p>Planned visits ask it too: a plan drawn from the portfolio through {@link #plannedVisits} (consent to visits, the
 * weekly cap of visits, contact hours, rest days), one visit at a time through {@link #visit}.
 */
public final class ContactGate {

  /**
   * One contact to judge.
   *
   * @param key the outbound message's id (0 for a contact that is no message yet)
   */
  public record Request(long key, long debtorId, Channel channel, boolean freeText) {}

  private static final String FACTS = """
      SELECT d.id, d.consent_messages, d.phones, d.email,
        (SELECT o.at FROM contact_opt_out o WHERE o.debtor_id = d.id AND o.channel = ?) AS opted_out_at,
        (SELECT count(*) FROM outbound_message m WHERE m.debtor_id = d.id AND m.channel = ?
           AND (m.sent_at > ? OR (m.state = 'sending' AND m.id <> ALL (?)))) AS sent_7d,
        (SELECT max(i.sent_at) FROM inbound_message i WHERE i.debtor_id = d.id AND i.channel = ?) AS last_reply
      FROM debtor d WHERE d.id = ANY (?)""";

  private final ContactPolicy policy;

  public ContactGate(ContactPolicy policy) {
    this.policy = policy;
  }

  public ContactPolicy policy() {
    return policy;
  }

  /**
   * Decides every request, keyed by {@link Request#key}. Messages being sent by any node count towards the weekly cap,
   * except the requests' own (the caller has claimed them).
   */
  public Map<Long, ContactDecision> decide(Connection c, List<Request> requests, Instant now) throws SQLException {
    Map<Channel, List<Request>> byChannel = new HashMap<>();
    for (Request r : requests) {
      byChannel.computeIfAbsent(r.channel(), k -> new ArrayList<>()).add(r);
    }
    Map<Long, ContactDecision> decisions = new HashMap<>();
    for (Map.Entry<Channel, List<Request>> e : byChannel.entrySet()) {
      Map<Long, ContactFacts> facts = facts(c, e.getKey(), e.getValue().stream().map(Request::debtorId).distinct().toList(),
          e.getValue().stream().map(Request::key).toList(), now);
      Map<Long, Integer> allowed = new HashMap<>();
      for (Request r : e.getValue()) {
        ContactFacts f = facts.get(r.debtorId());
        if (f == null) {
          decisions.put(r.key(), new ContactDecision.Skip(SkipReason.NO_RECIPIENT, "no such debtor"));
          continue;
        }
        ContactDecision d = policy.decide(f, r.freeText(), allowed.getOrDefault(r.debtorId(), 0), now);
        if (d instanceof ContactDecision.Allow) {
          allowed.merge(r.debtorId(), 1, Integer::sum);
        }
        decisions.put(r.key(), d);
      }
    }
    return decisions;
  }

  /** One debtor, one channel: what a caller outside a batch (a single reply, a planned visit's reminder) asks. */
  public ContactDecision decide(DataSource dataSource, long debtorId, Channel channel, boolean freeText, Instant now)
      throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      return decide(c, List.of(new Request(0, debtorId, channel, freeText)), now).get(0L);
    }
  }

  /** A planned visit at {@code plannedAt}: the debtor's consent to visits and the contact hours. */
  public Optional<ContactDecision> visit(DataSource dataSource, long debtorId, Instant plannedAt) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT consent_visits FROM debtor WHERE id = ?")) {
      ps.setLong(1, debtorId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(policy.decideVisit(rs.getBoolean(1), plannedAt)) : Optional.empty();
      }
    }
  }

  /**
   * The gate for the field visits of a plan of {@code planDate} (and the days after it): consent, the weekly cap of
   * visits, contact hours and rest days. One query, whatever the portfolio's size.
   */
  public PlannedVisitGate plannedVisits(DataSource dataSource, LocalDate planDate) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      return PlannedVisitGate.load(c, policy, planDate);
    }
  }

  /** The agency's gate: its contact hours, rest days and weekly cap in its zone. */
  public static ContactGate of(OutreachSettings.ContactRules rules, ZoneId zone) {
    return new ContactGate(new ContactPolicy(new ContactWindow(rules, zone), rules.maxPerWeek()));
  }

  private static Map<Long, ContactFacts> facts(Connection c, Channel channel, List<Long> debtorIds, List<Long> judged,
      Instant now) throws SQLException {
    Map<Long, ContactFacts> facts = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement(FACTS)) {
      ps.setString(1, channel.id());
      ps.setString(2, channel.id());
      ps.setTimestamp(3, Timestamp.from(now.minus(Duration.ofDays(7))));
      ps.setArray(4, c.createArrayOf("bigint", judged.toArray()));
      ps.setString(5, channel.id());
      ps.setArray(6, c.createArrayOf("bigint", debtorIds.toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Array phones = rs.getArray(3);
          Timestamp opted = rs.getTimestamp(5);
          Timestamp reply = rs.getTimestamp(7);
          facts.put(rs.getLong(1), new ContactFacts(channel, rs.getBoolean(2), opted == null ? null : opted.toInstant(),
              phones == null ? List.of() : Arrays.asList((String[]) phones.getArray()), rs.getString(4), rs.getInt(6),
              reply == null ? null : reply.toInstant()));
        }
      }
    }
    return facts;
  }
}
