package io.campo.server.payments.page;

import io.campo.server.portfolio.ClientLog;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Promises debtors make on the payment page (V35's {@code page_promise}): first-class promises that the debtor card,
 * the agent app, the planner and the KPIs read with the visits' ones ({@code promise_made}, {@code promise_state}).
 *
 * <p><b>One open page promise per debtor</b>: a second one, while the first is neither due nor kept, is refused and the
 * page shows the first. Replacing it would let a debtor push the date forward again and again, and every pending
 * promise keeps visits away. The same promise sent again (a reloaded form, a double tap) is the same promise: it
 * answers as the first time and records nothing. Blocking (JDBC); thread-safe.
 */
public final class PagePromises {

  /** A page promise as stored. */
  public record PagePromise(long id, LocalDate dueDate, BigDecimal amount, String currency, Instant madeAt) {}

  /** What became of a form. */
  public sealed interface Outcome permits Recorded, Invalid, Refused {}

  /** @param again the same promise was already recorded: nothing new was written */
  public record Recorded(PagePromise promise, boolean again) implements Outcome {}

  public record Invalid(List<String> problems) implements Outcome {}

  /** The debtor already has an open page promise, {@code existing}. */
  public record Refused(PagePromise existing) implements Outcome {}

  private final DataSource dataSource;
  private final Clock clock;
  private final ZoneId zone;

  public PagePromises(DataSource dataSource, Clock clock, ZoneId zone) {
    this.dataSource = dataSource;
    this.clock = clock;
    this.zone = zone;
  }

  /** The debtor's open page promise (not due, not kept), if any. */
  public PagePromise open(long debtorId) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      return open(c, debtorId, LocalDate.now(clock.withZone(zone)));
    }
  }

  /** Reads the form against the debtor's balances now and records the promise, all in one transaction. */
  public Outcome make(long debtorId, String date, String amount, String currency) throws SQLException {
    Instant now = clock.instant();
    LocalDate today = LocalDate.ofInstant(now, zone);
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        // V13's one writer per debtor for promises and payments: two taps of the same form, or a payment landing
        // meanwhile, see each other's commit.
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(1330, hashtext(?::text))")) {
          ps.setString(1, Long.toString(debtorId));
          ps.execute();
        }
        PromiseForm.Reading reading = PromiseForm.read(date, amount, currency, today, openBalances(c, debtorId));
        Outcome outcome;
        if (!reading.ok()) {
          outcome = new Invalid(reading.problems());
        } else {
          PromiseForm.Promise p = reading.promise();
          PagePromise existing = open(c, debtorId, today);
          if (existing != null) {
            boolean same = existing.dueDate().equals(p.dueDate()) && existing.amount().compareTo(p.amount()) == 0
                && existing.currency().equals(p.currency());
            outcome = same ? new Recorded(existing, true) : new Refused(existing);
          } else {
            outcome = new Recorded(insert(c, debtorId, p, now), false);
          }
        }
        c.commit();
        return outcome;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  private static PagePromise insert(Connection c, long debtorId, PromiseForm.Promise p, Instant now) throws SQLException {
    long id;
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO page_promise (debtor_id, amount, currency, due_date, made_at)"
        + " VALUES (?, ?, ?, ?, ?) RETURNING id")) {
      ps.setLong(1, debtorId);
      ps.setBigDecimal(2, p.amount());
      ps.setString(3, p.currency());
      ps.setObject(4, p.dueDate());
      ps.setTimestamp(5, Timestamp.from(now));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        id = rs.getLong(1);
      }
    }
    ClientLog.append(c, debtorId, "debtor", ClientLog.Kind.PROMISE, "promise to pay " + p.amount().toPlainString() + " "
        + p.currency() + " by " + p.dueDate() + ", made by the debtor on the payment page",
        new JsonObject().put("source", "page").put("pagePromiseId", id).put("amount", p.amount().toPlainString())
            .put("currency", p.currency()).put("date", p.dueDate().toString()));
    return new PagePromise(id, p.dueDate(), p.amount(), p.currency(), now);
  }

  private static PagePromise open(Connection c, long debtorId, LocalDate today) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT p.id, p.due_date, p.amount, p.currency, p.made_at FROM page_promise p"
        + " JOIN promise_state s ON s.page_promise_id = p.id WHERE p.debtor_id = ? AND p.due_date >= ? AND NOT s.kept"
        + " ORDER BY p.made_at DESC LIMIT 1")) {
      ps.setLong(1, debtorId);
      ps.setObject(2, today);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? new PagePromise(rs.getLong(1), rs.getObject(2, LocalDate.class), rs.getBigDecimal(3),
            rs.getString(4).strip(), rs.getTimestamp(5).toInstant()) : null;
      }
    }
  }

  private static Map<String, BigDecimal> openBalances(Connection c, long debtorId) throws SQLException {
    Map<String, BigDecimal> out = new LinkedHashMap<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT currency, sum(balance) FROM debt WHERE debtor_id = ? AND balance > 0"
        + " GROUP BY currency ORDER BY currency")) {
      ps.setLong(1, debtorId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1).strip(), rs.getBigDecimal(2));
        }
      }
    }
    return out;
  }
}
