package io.campo.server.outreach.dispatch;

import io.campo.server.outreach.channel.Channel;
import io.campo.server.outreach.channel.OutboundMessage;
import io.campo.server.outreach.channel.SendOutcome;
import io.campo.server.outreach.compliance.ContactDecision;
import io.campo.server.outreach.compliance.ContactGate;
import io.campo.server.outreach.compliance.SkipReason;
import io.campo.server.outreach.template.MessageTemplate;
import io.campo.server.outreach.template.MessageTemplates;
import io.campo.server.outreach.template.TemplateBody;
import io.campo.server.outreach.template.TemplateValues;
import io.campo.server.outreach.template.TemplateVariable;
import io.campo.server.outreach.webhook.ProviderEvents;
import io.campo.server.portfolio.ClientLog;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import javax.sql.DataSource;

/**
 * The durable send queue: {@code outbound_message} rows. {@link #next} claims due rows ({@code FOR UPDATE SKIP LOCKED},
 * so nodes never claim the same row), asks the compliance gate about each, renders the allowed ones, and in the same
 * transaction writes the holds (due again when the window opens) and the skips (with their reason, in the client log).
 * The allowed rows stay {@code sending} under a lease until {@link #record} stores the provider's answer. A row whose
 * lease ran out was being sent by a node that stopped: {@link #failInterrupted} fails it rather than send it again,
 * since the provider may have taken it. Blocking (JDBC); thread-safe.
 */
public final class SendQueue {

  static final String ACTOR = "outreach";
  /** Longer than a batch can take to send: its size over the concurrency, times the provider timeout. */
  static final Duration LEASE = Duration.ofMinutes(5);

  /** A message ready for its provider, with what {@link #record} needs. */
  public record Ready(OutboundMessage message, long debtorId) {}

  /** The provider's answer to one ready message. */
  public record Sent(Ready ready, SendOutcome outcome) {}

  private record Claimed(long id, long debtorId, Channel channel, Long templateId, String freeText) {}

  private final DataSource dataSource;
  private final ContactGate gate;
  private final TemplateValues values;
  private final Predicate<Channel> channelOn;
  private final ZoneId zone;

  /** @param channelOn whether a provider is configured for the channel; messages of the others are skipped */
  public SendQueue(DataSource dataSource, ContactGate gate, TemplateValues values, Predicate<Channel> channelOn, ZoneId zone) {
    this.dataSource = dataSource;
    this.gate = gate;
    this.values = values;
    this.channelOn = channelOn;
    this.zone = zone;
  }

  /** Claims up to {@code limit} due messages and returns those that may go now, rendered. */
  public List<Ready> next(int limit, Instant now) throws Exception {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        List<Claimed> claimed = claim(c, limit, now);
        List<Ready> ready = claimed.isEmpty() ? List.of() : prepare(c, claimed, now);
        c.commit();
        return ready;
      } catch (Exception e) {
        c.rollback();
        throw e;
      }
    }
  }

  private static List<Claimed> claim(Connection c, int limit, Instant now) throws SQLException {
    List<Claimed> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("UPDATE outbound_message m SET state = 'sending', lease_until = ?"
        + " WHERE m.id IN (SELECT id FROM outbound_message WHERE state = 'queued' AND due_at <= ? ORDER BY due_at, id"
        + " LIMIT ? FOR UPDATE SKIP LOCKED) RETURNING m.id, m.debtor_id, m.channel, m.template_id, m.free_text")) {
      ps.setTimestamp(1, Timestamp.from(now.plus(LEASE)));
      ps.setTimestamp(2, Timestamp.from(now));
      ps.setInt(3, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          // wasNull answers for the last column read: ask it right after the template's, or a free-text row (no
          // template) reads as template 0, fails its lookup and rolls back the whole claimed batch, every time.
          Long template = rs.getLong(4);
          if (rs.wasNull()) {
            template = null;
          }
          out.add(new Claimed(rs.getLong(1), rs.getLong(2), Channel.parse(rs.getString(3)).orElseThrow(), template,
              rs.getString(5)));
        }
      }
    }
    return out;
  }

  private List<Ready> prepare(Connection c, List<Claimed> claimed, Instant now) throws Exception {
    Map<Long, ContactDecision> decisions = gate.decide(c, claimed.stream()
        .map(m -> new ContactGate.Request(m.id(), m.debtorId(), m.channel(), m.templateId() == null)).toList(), now);
    Map<Long, MessageTemplate> templates = new HashMap<>();
    Map<Long, TemplateBody> bodies = new HashMap<>();
    Set<TemplateVariable> needed = EnumSet.noneOf(TemplateVariable.class);
    List<Long> allowedDebtors = new ArrayList<>();
    for (Claimed m : claimed) {
      if (m.templateId() != null && !templates.containsKey(m.templateId())) {
        MessageTemplate t = MessageTemplates.byId(c, m.templateId()).orElseThrow();
        templates.put(t.id(), t);
        bodies.put(t.id(), TemplateBody.parse(t.body()));
      }
      if (decisions.get(m.id()) instanceof ContactDecision.Allow && m.templateId() != null) {
        needed.addAll(bodies.get(m.templateId()).variables());
        allowedDebtors.add(m.debtorId());
      }
    }
    Map<Long, Map<TemplateVariable, String>> debtorValues = allowedDebtors.isEmpty() ? Map.of()
        : values.load(c, allowedDebtors.stream().distinct().toList(), needed, now.atZone(zone).toLocalDate());

    List<Ready> ready = new ArrayList<>();
    List<Object[]> holds = new ArrayList<>();
    List<Object[]> skips = new ArrayList<>();
    for (Claimed m : claimed) {
      ContactDecision d = decisions.get(m.id());
      if (!channelOn.test(m.channel())) {
        d = new ContactDecision.Skip(SkipReason.CHANNEL_OFF, m.channel().id() + " has no provider configured on this server");
      }
      if (d instanceof ContactDecision.Hold h) {
        holds.add(new Object[] {m.id(), Timestamp.from(h.until())});
      } else if (d instanceof ContactDecision.Skip s) {
        skips.add(new Object[] {m, s});
      } else if (d instanceof ContactDecision.Allow a) {
        if (m.templateId() == null) {
          ready.add(new Ready(new OutboundMessage(m.id(), m.channel(), a.recipient(), null, null, List.of(), m.freeText(), null),
              m.debtorId()));
          continue;
        }
        MessageTemplate t = templates.get(m.templateId());
        TemplateBody body = bodies.get(t.id());
        Map<TemplateVariable, String> v = debtorValues.getOrDefault(m.debtorId(), Map.of());
        List<String> missing = body.variables().stream().filter(x -> !v.containsKey(x)).map(x -> "{" + x.token() + "}").toList();
        if (!missing.isEmpty()) {
          skips.add(new Object[] {m, new ContactDecision.Skip(SkipReason.MISSING_VALUE, "the template '" + t.name()
              + "' needs " + String.join(", ", missing) + ", which this debtor has none of")});
          continue;
        }
        ready.add(new Ready(new OutboundMessage(m.id(), m.channel(), a.recipient(),
            m.channel() == Channel.WHATSAPP ? t.name() : null, t.language(), body.parameters(v), body.render(v),
            m.channel() == Channel.EMAIL ? t.name() : null), m.debtorId()));
      }
    }
    writeHolds(c, holds);
    writeSkips(c, skips);
    return ready;
  }

  private static void writeHolds(Connection c, List<Object[]> holds) throws SQLException {
    if (holds.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement("UPDATE outbound_message m SET state = 'queued', lease_until = NULL,"
        + " due_at = u.due FROM unnest(?::bigint[], ?::timestamptz[]) AS u(id, due) WHERE m.id = u.id")) {
      ps.setArray(1, c.createArrayOf("bigint", holds.stream().map(h -> h[0]).toArray()));
      ps.setArray(2, c.createArrayOf("timestamptz", holds.stream().map(h -> h[1]).toArray()));
      ps.executeUpdate();
    }
  }

  private static void writeSkips(Connection c, List<Object[]> skips) throws SQLException {
    if (skips.isEmpty()) {
      return;
    }
    int n = skips.size();
    Long[] ids = new Long[n];
    Long[] debtors = new Long[n];
    String[] reasons = new String[n];
    String[] summaries = new String[n];
    String[] details = new String[n];
    for (int i = 0; i < n; i++) {
      Claimed m = (Claimed) skips.get(i)[0];
      ContactDecision.Skip s = (ContactDecision.Skip) skips.get(i)[1];
      ids[i] = m.id();
      debtors[i] = m.debtorId();
      reasons[i] = s.reason();
      summaries[i] = m.channel().id() + " message not sent: " + s.explanation();
      details[i] = new JsonObject().put("message", m.id()).put("channel", m.channel().id()).put("reason", s.reason()).encode();
    }
    try (PreparedStatement ps = c.prepareStatement("UPDATE outbound_message m SET state = 'skipped', lease_until = NULL,"
        + " skip_reason = u.reason FROM unnest(?::bigint[], ?::text[]) AS u(id, reason) WHERE m.id = u.id")) {
      ps.setArray(1, c.createArrayOf("bigint", ids));
      ps.setArray(2, c.createArrayOf("text", reasons));
      ps.executeUpdate();
    }
    ClientLog.appendAll(c, ACTOR, ClientLog.Kind.CONTACT_SKIPPED, debtors, summaries, details);
  }

  /** Stores the providers' answers: sent (with the provider's id) or failed (with the reason), and logs each. */
  public void record(List<Sent> results, Instant now) throws SQLException {
    if (results.isEmpty()) {
      return;
    }
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        List<Sent> accepted = results.stream().filter(r -> r.outcome() instanceof SendOutcome.Accepted).toList();
        List<Sent> refused = results.stream().filter(r -> r.outcome() instanceof SendOutcome.Refused).toList();
        if (!accepted.isEmpty()) {
          try (PreparedStatement ps = c.prepareStatement("UPDATE outbound_message m SET state = 'sent', lease_until = NULL,"
              + " sent_at = ?, recipient = u.recipient, provider_message_id = u.pid"
              + " FROM unnest(?::bigint[], ?::text[], ?::text[]) AS u(id, recipient, pid) WHERE m.id = u.id AND m.state = 'sending'")) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setArray(2, c.createArrayOf("bigint", accepted.stream().map(r -> r.ready().message().id()).toArray()));
            ps.setArray(3, c.createArrayOf("text", accepted.stream().map(r -> r.ready().message().recipient()).toArray()));
            ps.setArray(4, c.createArrayOf("text", accepted.stream()
                .map(r -> ((SendOutcome.Accepted) r.outcome()).providerMessageId()).toArray()));
            ps.executeUpdate();
          }
          log(c, accepted, ClientLog.Kind.MESSAGE_SENT);
          Map<Channel, List<String>> byChannel = new HashMap<>();
          accepted.forEach(r -> byChannel.computeIfAbsent(r.ready().message().channel(), k -> new ArrayList<>())
              .add(((SendOutcome.Accepted) r.outcome()).providerMessageId()));
          for (Map.Entry<Channel, List<String>> e : byChannel.entrySet()) {
            ProviderEvents.applyEarlyStatuses(c, e.getKey(), e.getValue());
          }
        }
        if (!refused.isEmpty()) {
          try (PreparedStatement ps = c.prepareStatement("UPDATE outbound_message m SET state = 'failed', lease_until = NULL,"
              + " recipient = u.recipient, failure = u.failure FROM unnest(?::bigint[], ?::text[], ?::text[]) AS u(id, recipient, failure)"
              + " WHERE m.id = u.id AND m.state = 'sending'")) {
            ps.setArray(1, c.createArrayOf("bigint", refused.stream().map(r -> r.ready().message().id()).toArray()));
            ps.setArray(2, c.createArrayOf("text", refused.stream().map(r -> r.ready().message().recipient()).toArray()));
            ps.setArray(3, c.createArrayOf("text", refused.stream().map(r -> ((SendOutcome.Refused) r.outcome()).reason()).toArray()));
            ps.executeUpdate();
          }
          log(c, refused, ClientLog.Kind.MESSAGE_STATUS);
        }
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  private static void log(Connection c, List<Sent> results, ClientLog.Kind kind) throws SQLException {
    int n = results.size();
    Long[] debtors = new Long[n];
    String[] summaries = new String[n];
    String[] details = new String[n];
    for (int i = 0; i < n; i++) {
      Sent r = results.get(i);
      OutboundMessage m = r.ready().message();
      debtors[i] = r.ready().debtorId();
      JsonObject d = new JsonObject().put("message", m.id()).put("channel", m.channel().id()).put("to", m.recipient());
      if (m.templateName() != null) {
        d.put("template", m.templateName());
      }
      if (r.outcome() instanceof SendOutcome.Accepted a) {
        summaries[i] = m.channel().id() + " message sent to " + m.recipient() + ": " + shorten(m.text());
        d.put("providerMessageId", a.providerMessageId());
      } else {
        String reason = ((SendOutcome.Refused) r.outcome()).reason();
        summaries[i] = m.channel().id() + " message to " + m.recipient() + " failed: " + reason;
        d.put("status", "failed").put("reason", reason);
      }
      details[i] = d.encode();
    }
    ClientLog.appendAll(c, ACTOR, kind, debtors, summaries, details);
  }

  /** Fails the messages a stopped node was sending (lease over): whether the provider took them is unknown. */
  public int failInterrupted(Instant now) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        List<Long> debtors = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("UPDATE outbound_message SET state = 'failed', lease_until = NULL,"
            + " failure = 'interrupted while sending (the node stopped); not sent again so that no one gets it twice'"
            + " WHERE state = 'sending' AND lease_until < ? RETURNING id, debtor_id, channel")) {
          ps.setTimestamp(1, Timestamp.from(now));
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              ids.add(rs.getLong(1));
              debtors.add(rs.getLong(2));
            }
          }
        }
        if (!ids.isEmpty()) {
          String[] summaries = new String[ids.size()];
          String[] details = new String[ids.size()];
          for (int i = 0; i < ids.size(); i++) {
            summaries[i] = "message " + ids.get(i) + " interrupted while sending; not sent again";
            details[i] = new JsonObject().put("message", ids.get(i)).put("status", "failed").encode();
          }
          ClientLog.appendAll(c, ACTOR, ClientLog.Kind.MESSAGE_STATUS, debtors.toArray(Long[]::new), summaries, details);
        }
        c.commit();
        return ids.size();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  private static String shorten(String text) {
    if (text == null) {
      return "";
    }
    return text.length() <= 160 ? text : text.substring(0, 160) + "…";
  }
}
