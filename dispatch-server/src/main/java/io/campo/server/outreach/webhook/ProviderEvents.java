package io.campo.server.outreach.webhook;

import io.campo.server.outreach.channel.Channel;
import io.campo.server.outreach.compliance.OptOutReply;
import io.campo.server.portfolio.ClientLog;
import io.campo.server.portfolio.E164Phones;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * Records what providers report, exactly once per event: a status is keyed by (channel, provider id, status) in
 * {@code provider_event} and a reply by its provider id in {@code inbound_message}, so a webhook retried by the
 * provider changes nothing the second time. Statuses only move a message forward (read implies delivered; a late
 * "delivered" after "read" changes nothing). A status that arrives before Campo recorded the provider's id (the
 * provider answered the webhook faster than the send's own answer was stored) is kept and applied by
 * {@link #applyEarlyStatuses} when the id is recorded. Blocking (JDBC); thread-safe.
 */
public final class ProviderEvents {

  static final String ACTOR = "outreach";

  private final DataSource dataSource;
  private final E164Phones phones;

  public ProviderEvents(DataSource dataSource, E164Phones phones) {
    this.dataSource = dataSource;
    this.phones = phones;
  }

  /** Applies the events in one transaction; returns how many were new. */
  public int record(List<ProviderEvent> events) throws SQLException {
    int fresh = 0;
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        for (ProviderEvent e : events) {
          boolean isNew = e instanceof ProviderEvent.StatusChange s ? status(c, s) : reply(c, (ProviderEvent.Reply) e);
          fresh += isNew ? 1 : 0;
        }
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
    return fresh;
  }

  private static boolean status(Connection c, ProviderEvent.StatusChange s) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO provider_event (channel, provider_message_id, status, received_at)"
        + " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
      ps.setString(1, s.channel().id());
      ps.setString(2, s.providerMessageId());
      ps.setString(3, s.status().name().toLowerCase(Locale.ROOT));
      ps.setTimestamp(4, Timestamp.from(s.at()));
      if (ps.executeUpdate() == 0) {
        return false;
      }
    }
    apply(c, s.channel(), s.providerMessageId(), s.status(), s.at(), s.error());
    return true;
  }

  /** Moves the message forward and logs the change; nothing when the message is unknown yet or already past it. */
  static void apply(Connection c, Channel channel, String providerId, ProviderEvent.Status status, Instant at, String error)
      throws SQLException {
    String sql = switch (status) {
      case SENT -> null;
      case DELIVERED -> "UPDATE outbound_message SET delivered_at = ?,"
          + " state = CASE WHEN state IN ('sending', 'sent') THEN 'delivered' ELSE state END"
          + " WHERE channel = ? AND provider_message_id = ? AND delivered_at IS NULL AND state <> 'failed' RETURNING id, debtor_id";
      case READ -> "UPDATE outbound_message SET read_at = ?, delivered_at = coalesce(delivered_at, read_at, ?),"
          + " state = CASE WHEN state IN ('sending', 'sent', 'delivered') THEN 'read' ELSE state END"
          + " WHERE channel = ? AND provider_message_id = ? AND read_at IS NULL AND state <> 'failed' RETURNING id, debtor_id";
      case FAILED -> "UPDATE outbound_message SET state = 'failed', failure = ?"
          + " WHERE channel = ? AND provider_message_id = ? AND state <> 'failed' RETURNING id, debtor_id";
    };
    if (sql == null) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int i = 1;
      if (status == ProviderEvent.Status.FAILED) {
        ps.setString(i++, error != null ? error : "the provider reported the message failed");
      } else {
        ps.setTimestamp(i++, Timestamp.from(at));
        if (status == ProviderEvent.Status.READ) {
          ps.setTimestamp(i++, Timestamp.from(at));
        }
      }
      ps.setString(i++, channel.id());
      ps.setString(i, providerId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String word = switch (status) {
            case DELIVERED -> "delivered";
            case READ -> "read";
            default -> "failed" + (error != null ? ": " + error : "");
          };
          ClientLog.append(c, rs.getLong(2), ACTOR, ClientLog.Kind.MESSAGE_STATUS, channel.id() + " message " + word,
              new JsonObject().put("message", rs.getLong(1)).put("channel", channel.id()).put("status", status.name().toLowerCase(Locale.ROOT))
                  .put("at", at.toString()));
        }
      }
    }
  }

  /** Applies statuses that came before the provider ids of these messages were stored, inside the caller's transaction. */
  public static void applyEarlyStatuses(Connection c, Channel channel, List<String> providerIds) throws SQLException {
    if (providerIds.isEmpty()) {
      return;
    }
    record Early(String id, ProviderEvent.Status status, Instant at) {}
    List<Early> early = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT provider_message_id, status, received_at FROM provider_event"
        + " WHERE channel = ? AND provider_message_id = ANY (?) ORDER BY received_at")) {
      ps.setString(1, channel.id());
      ps.setArray(2, c.createArrayOf("text", providerIds.toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          early.add(new Early(rs.getString(1), ProviderEvent.Status.valueOf(rs.getString(2).toUpperCase(Locale.ROOT)),
              rs.getTimestamp(3).toInstant()));
        }
      }
    }
    for (Early e : early) {
      apply(c, channel, e.id(), e.status(), e.at(), null);
    }
  }

  private boolean reply(Connection c, ProviderEvent.Reply r) throws SQLException {
    E164Phones.Reading from = r.channel() == Channel.WHATSAPP ? phones.readInternationalDigits(r.from()) : phones.read(r.from());
    String number = from instanceof E164Phones.Number n ? n.e164() : r.from();
    List<Long> debtors = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT id FROM debtor WHERE phones @> ARRAY[?]::text[] ORDER BY id")) {
      ps.setString(1, number);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          debtors.add(rs.getLong(1));
        }
      }
    }
    String text = r.text() == null ? null : r.text().length() > 4096 ? r.text().substring(0, 4096) : r.text();
    if (debtors.isEmpty()) {
      // A number no debtor has: kept (someone may be writing from a new phone) but it touches no one's file.
      return insertReply(c, r, r.providerMessageId(), null, number, text);
    }
    // One row per debtor who has the number (a shared family phone): each of their logs shows the reply.
    boolean fresh = false;
    for (long debtor : debtors) {
      String key = debtors.size() > 1 ? r.providerMessageId() + "#" + debtor : r.providerMessageId();
      if (!insertReply(c, r, key, debtor, number, text)) {
        continue;
      }
      fresh = true;
      markReplied(c, debtor, r.channel(), r.sentAt());
      ClientLog.append(c, debtor, number, ClientLog.Kind.MESSAGE_REPLY, "reply by " + r.channel().id() + ": "
          + (text == null ? "(no text)" : text), new JsonObject().put("channel", r.channel().id()).put("at", r.sentAt().toString()));
      if (OptOutReply.isOptOut(text)) {
        optOut(c, debtor, r.channel(), r.sentAt(), text);
      }
    }
    return fresh;
  }

  private static boolean insertReply(Connection c, ProviderEvent.Reply r, String key, Long debtor, String number, String text)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO inbound_message (channel, provider_message_id, debtor_id,"
        + " from_number, body, sent_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
      ps.setString(1, r.channel().id());
      ps.setString(2, key);
      ps.setObject(3, debtor);
      ps.setString(4, number);
      ps.setString(5, text);
      ps.setTimestamp(6, Timestamp.from(r.sentAt()));
      return ps.executeUpdate() > 0;
    }
  }

  /** Providers stamp replies in whole seconds: a reply stamped in the second the message went out answers it. */
  private static void markReplied(Connection c, long debtor, Channel channel, Instant at) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE outbound_message SET replied_at = ? WHERE id = (SELECT id FROM"
        + " outbound_message WHERE debtor_id = ? AND channel = ? AND sent_at IS NOT NULL"
        + " AND sent_at < ?::timestamptz + interval '1 second' AND replied_at IS NULL"
        + " ORDER BY sent_at DESC LIMIT 1)")) {
      ps.setTimestamp(1, Timestamp.from(at));
      ps.setLong(2, debtor);
      ps.setString(3, channel.id());
      ps.setTimestamp(4, Timestamp.from(at));
      ps.executeUpdate();
    }
  }

  /**
   * An opt-out by reply stops that channel and the other phone channel too: a debtor who writes STOP to the WhatsApp
   * reminder does not expect the same reminder by SMS. E-mail is a separate address, opted out on its own.
   */
  private static void optOut(Connection c, long debtor, Channel channel, Instant at, String text) throws SQLException {
    List<Channel> channels = channel.toPhone() ? List.of(Channel.WHATSAPP, Channel.SMS) : List.of(channel);
    for (Channel ch : channels) {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO contact_opt_out (debtor_id, channel, at, reason)"
          + " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
        ps.setLong(1, debtor);
        ps.setString(2, ch.id());
        ps.setTimestamp(3, Timestamp.from(at));
        ps.setString(4, "replied '" + text.strip() + "' by " + channel.id());
        if (ps.executeUpdate() > 0) {
          ClientLog.append(c, debtor, ACTOR, ClientLog.Kind.OPT_OUT, "opted out of " + ch.id() + " messages (replied '"
              + text.strip() + "' by " + channel.id() + ")", new JsonObject().put("channel", ch.id()).put("at", at.toString()));
        }
      }
    }
  }
}
