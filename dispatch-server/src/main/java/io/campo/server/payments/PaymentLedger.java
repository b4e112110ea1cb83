package io.campo.server.payments;

import io.campo.server.api.ApiException;
import io.campo.server.portfolio.ClientLog;
import io.campo.server.team.DebtorScope;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Writes payments to the ledger (V24), each with its allocation ({@link Allocation}), the debts' lowered balances and
 * its client-log entry, in one transaction. Idempotent by (source, reference): the same payment again changes
 * nothing and answers the stored one; a different payment under a used (source, reference) is a 409. Payments of a
 * debtor are serialised by the debtor row's lock, so two payments never allocate against the same stale balance.
 * Blocking (JDBC): call off the event loop. Thread-safe.
 */
public final class PaymentLedger {

  /** The payment as stored, and whether this call created it (false: the same payment again). */
  public record Recorded(boolean created, JsonObject payment) {}

  private final DataSource dataSource;

  public PaymentLedger(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Records the payment in its own transaction.
   *
   * @throws ApiException 404 for a debtor the caller may not see or that does not exist, 409 for a used (source,
   *     reference) with different content, 422 for a payment that cannot be allocated (unknown contract, currency)
   */
  public Recorded record(PaymentEntry entry, String actor, DebtorScope caller) throws SQLException {
    for (int attempt = 0; ; attempt++) {
      try (Connection c = dataSource.getConnection()) {
        c.setAutoCommit(false);
        try {
          Optional<Recorded> r = record(c, entry, actor, caller, null, false);
          if (r.isPresent()) {
            c.commit();
            return r.get();
          }
          c.rollback();
        } catch (SQLException | RuntimeException e) {
          c.rollback();
          throw e;
        }
      }
      if (attempt == 2) {
        throw new IllegalStateException("payment " + entry.source().wire() + " " + entry.reference() + " kept racing another writer");
      }
      // Another transaction stored the same (source, reference) meanwhile: read it as a replay.
    }
  }

  /**
   * Records a field payment for a PAID visit inside the visit's transaction (reference {@code visit-<id>}). A
   * payment the debts cannot take (a currency none of them is in, an unknown contract) becomes credit rather than
   * refusing the visit: the money was received whatever the portfolio says.
   */
  public static void recordFieldPayment(Connection c, long visitId, String debtorExternalId, String agentId,
      BigDecimal amount, String currency, java.time.Instant paidAt) throws SQLException {
    PaymentEntry entry = new PaymentEntry(debtorExternalId, null, amount.setScale(2), currency, paidAt, "visit-" + visitId,
        PaymentSource.FIELD);
    if (record(c, entry, agentId, DebtorScope.ALL, visitId, true).isEmpty()) {
      throw new IllegalStateException("field payment for visit " + visitId + " exists already");
    }
  }

  /**
   * Records money a provider reports as received, in its own transaction: idempotent like any payment, and what the
   * debts cannot take (another currency) becomes credit rather than being refused, since the money is in.
   */
  public Recorded recordReceived(PaymentEntry entry, String actor) throws SQLException {
    for (int attempt = 0; attempt < 3; attempt++) {
      try (Connection c = dataSource.getConnection()) {
        c.setAutoCommit(false);
        try {
          Optional<Recorded> r = record(c, entry, actor, DebtorScope.ALL, null, true);
          if (r.isPresent()) {
            c.commit();
            return r.get();
          }
          c.rollback();
        } catch (SQLException | RuntimeException e) {
          c.rollback();
          throw e;
        }
      }
    }
    throw new IllegalStateException("payment " + entry.source().wire() + " " + entry.reference() + " kept racing another writer");
  }

  /** Empty when another transaction inserted the same (source, reference) first: roll back and retry. */
  static Optional<Recorded> record(Connection c, PaymentEntry e, String actor, DebtorScope caller, Long visitId,
      boolean creditWhenUnallocatable) throws SQLException {
    Optional<Recorded> replay = replay(c, e, caller);
    if (replay.isPresent()) {
      return replay;
    }
    long debtorId;
    try (PreparedStatement ps = c.prepareStatement("SELECT id, team_id FROM debtor WHERE external_id = ? FOR UPDATE")) {
      ps.setString(1, e.debtor());
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next() || !caller.admits(rs.getString(2))) {
          throw ApiException.notFound("no debtor '" + e.debtor() + "'");
        }
        debtorId = rs.getLong(1);
      }
    }
    List<Allocation.Debt> debts = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT id, external_id, currency, balance, due_date FROM debt WHERE debtor_id = ? ORDER BY id FOR UPDATE")) {
      ps.setLong(1, debtorId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          debts.add(new Allocation.Debt(rs.getLong(1), rs.getString(2), rs.getString(3).strip(), rs.getBigDecimal(4),
              rs.getObject(5, LocalDate.class)));
        }
      }
    }
    Allocation.Result allocation = Allocation.of(e.amount(), e.currency(), e.contract(), debts);
    List<Allocation.Part> parts = allocation.parts();
    if (allocation.refusal() != null) {
      if (!creditWhenUnallocatable) {
        throw new ApiException(422, "payment " + e.source().wire() + " '" + e.reference() + "' for debtor '" + e.debtor()
            + "': " + allocation.refusal());
      }
      parts = List.of(new Allocation.Part(null, e.amount()));
    }
    long paymentId;
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO payment (debtor_id, contract, amount, currency, paid_at,"
        + " reference, source, visit_id, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
        + " ON CONFLICT ON CONSTRAINT payment_source_reference DO NOTHING RETURNING id")) {
      ps.setLong(1, debtorId);
      ps.setString(2, e.contract());
      ps.setBigDecimal(3, e.amount());
      ps.setString(4, e.currency());
      ps.setTimestamp(5, Timestamp.from(e.paidAt()));
      ps.setString(6, e.reference());
      ps.setString(7, e.source().wire());
      ps.setObject(8, visitId, java.sql.Types.BIGINT);
      ps.setString(9, actor);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        paymentId = rs.getLong(1);
      }
    }
    try (PreparedStatement alloc = c.prepareStatement(
            "INSERT INTO payment_allocation (payment_id, debt_id, kind, amount) VALUES (?, ?, ?, ?)");
        PreparedStatement lower = c.prepareStatement("UPDATE debt SET balance = balance - ? WHERE id = ?")) {
      for (Allocation.Part p : parts) {
        alloc.setLong(1, paymentId);
        alloc.setObject(2, p.credit() ? null : p.debt().id(), java.sql.Types.BIGINT);
        alloc.setString(3, p.credit() ? "credit" : "debt");
        alloc.setBigDecimal(4, p.amount());
        alloc.addBatch();
        if (!p.credit()) {
          lower.setBigDecimal(1, p.amount());
          lower.setLong(2, p.debt().id());
          lower.addBatch();
        }
      }
      alloc.executeBatch();
      lower.executeBatch();
    }
    String split = parts.stream()
        .map(p -> p.amount().toPlainString() + (p.credit() ? " as credit" : " to " + p.debt().contract()))
        .collect(Collectors.joining(", "));
    ClientLog.append(c, debtorId, actor, ClientLog.Kind.PAYMENT, "payment of " + e.amount().toPlainString() + " " + e.currency()
        + " by " + e.source().wire() + " (reference " + e.reference() + ") on " + e.paidAt() + ": " + split,
        new JsonObject().put("paymentId", paymentId).put("amount", e.amount().toPlainString()).put("currency", e.currency())
            .put("source", e.source().wire()).put("reference", e.reference()).put("paidAt", e.paidAt().toString()));
    return Optional.of(new Recorded(true, find(c, paymentId).orElseThrow()));
  }

  private static Optional<Recorded> replay(Connection c, PaymentEntry e, DebtorScope caller) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT p.id, d.external_id, d.team_id, p.contract, p.amount, p.currency,"
        + " p.paid_at FROM payment p JOIN debtor d ON d.id = p.debtor_id WHERE p.source = ? AND p.reference = ?")) {
      ps.setString(1, e.source().wire());
      ps.setString(2, e.reference());
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        if (!caller.admits(rs.getString(3)) && rs.getString(2).equals(e.debtor())) {
          throw ApiException.notFound("no debtor '" + e.debtor() + "'");
        }
        if (!caller.admits(rs.getString(3))) {
          // Not a 404 on the debtor: the sender named its own debtor, and that the reference is taken is all it may learn.
          throw new ApiException(409, "payment " + e.source().wire() + " '" + e.reference()
              + "' is already recorded for another debtor; a different payment needs its own reference");
        }
        PaymentEntry stored = new PaymentEntry(rs.getString(2), rs.getString(4), rs.getBigDecimal(5),
            rs.getString(6).strip(), rs.getTimestamp(7).toInstant(), e.reference(), e.source());
        if (!stored.sameAs(e)) {
          throw new ApiException(409, "payment " + e.source().wire() + " '" + e.reference() + "' is already recorded with "
              + stored.differences(e) + "; a different payment needs its own reference, nothing was changed");
        }
        return Optional.of(new Recorded(false, find(c, rs.getLong(1)).orElseThrow()));
      }
    }
  }

  /** The payment as the API shows it, with its allocation. */
  static Optional<JsonObject> find(Connection c, long paymentId) throws SQLException {
    JsonObject p;
    try (PreparedStatement ps = c.prepareStatement("SELECT d.external_id, p.contract, p.amount, p.currency, p.paid_at,"
        + " p.reference, p.source, p.visit_id, p.recorded_by, p.recorded_at FROM payment p JOIN debtor d ON d.id = p.debtor_id"
        + " WHERE p.id = ?")) {
      ps.setLong(1, paymentId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        p = new JsonObject().put("id", paymentId).put("debtor", rs.getString(1)).put("contract", rs.getString(2))
            .put("amount", rs.getBigDecimal(3).toPlainString()).put("currency", rs.getString(4).strip())
            .put("paidAt", rs.getTimestamp(5).toInstant().toString()).put("reference", rs.getString(6))
            .put("source", rs.getString(7)).put("visitId", rs.getObject(8)).put("recordedBy", rs.getString(9))
            .put("recordedAt", rs.getTimestamp(10).toInstant().toString());
      }
    }
    JsonArray allocations = new JsonArray();
    try (PreparedStatement ps = c.prepareStatement("SELECT a.kind, t.external_id, a.amount FROM payment_allocation a"
        + " LEFT JOIN debt t ON t.id = a.debt_id WHERE a.payment_id = ? ORDER BY a.id")) {
      ps.setLong(1, paymentId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          JsonObject a = new JsonObject().put("kind", rs.getString(1)).put("amount", rs.getBigDecimal(3).toPlainString());
          if (rs.getString(2) != null) {
            a.put("contract", rs.getString(2));
          }
          allocations.add(a);
        }
      }
    }
    return Optional.of(p.put("allocations", allocations));
  }
}
