package io.campo.server.payments.agreement;

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
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Payment agreements in PostgreSQL (V31): made by a dispatcher (confirmed at once) or proposed by an agent's AGREEMENT
 * visit (in the visit's transaction) and confirmed by a dispatcher; read with each installment's state on a given day
 * from the ledger (V31's {@code agreement_installment_states}, the planner's definition too). Every change is in the
 * client log. Blocking (JDBC); thread-safe.
 */
public final class Agreements {

  private final DataSource dataSource;
  private final Clock clock;
  private final ZoneId zone;
  private final int graceDays;

  /** @param graceDays days after an unpaid installment's date before it is missed, for agreements made from now on */
  public Agreements(DataSource dataSource, Clock clock, ZoneId zone, int graceDays) {
    this.dataSource = dataSource;
    this.clock = clock;
    this.zone = zone;
    this.graceDays = graceDays;
  }

  public LocalDate today() {
    return LocalDate.now(clock.withZone(zone));
  }

  /** Makes a confirmed agreement for the debtor. @throws ApiException 404 outside the caller's scope, 422 bad contracts */
  public JsonObject create(String debtorExternalId, AgreementTerms terms, String actor, DebtorScope caller) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        long debtorId = debtor(c, debtorExternalId, caller);
        Instant now = clock.instant();
        // Payments from the day it is made count toward it: a down payment handed over at signing is part of it.
        long id = insert(c, debtorId, terms, actor, null, now, LocalDate.ofInstant(now, zone).atStartOfDay(zone).toInstant(), graceDays);
        c.commit();
        return read(c, id, today()).orElseThrow();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  /**
   * Records an agent's proposal from an AGREEMENT visit inside the visit's transaction.
   *
   * @throws ApiException 422 when the terms do not fit the debtor's contracts, so the agent can correct them
   */
  public static void propose(Connection c, long debtorId, long visitId, String agentId, AgreementTerms terms, Instant checkIn)
      throws SQLException {
    insert(c, debtorId, terms, agentId, visitId, null, checkIn, null);
  }

  /** @param confirmedAt null for a proposal; {@code graceDays} is null then too */
  private static long insert(Connection c, long debtorId, AgreementTerms terms, String actor, Long visitId, Instant confirmedAt,
      Instant startsAt, Integer graceDays) throws SQLException {
    boolean confirmed = confirmedAt != null;
    Map<String, String> currencyOf = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT external_id, currency FROM debt WHERE debtor_id = ?")) {
      ps.setLong(1, debtorId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          currencyOf.put(rs.getString(1), rs.getString(2).strip());
        }
      }
    }
    String currency = terms.currency();
    for (String contract : terms.contracts()) {
      String own = currencyOf.get(contract);
      if (own == null) {
        throw new ApiException(422, "the debtor has no contract '" + contract + "'" + (currencyOf.isEmpty() ? ""
            : " (its contracts: " + String.join(", ", new java.util.TreeSet<>(currencyOf.keySet())) + ")"));
      }
      if (currency == null) {
        currency = own;
      } else if (!currency.equals(own)) {
        throw new ApiException(422, "contract '" + contract + "' is in " + own + ", the agreement in " + currency
            + "; make one agreement per currency");
      }
    }
    long id;
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO agreement (debtor_id, currency, contracts, grace_days, starts_at,"
        + " status, proposed_by, visit_id, confirmed_by, confirmed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
      ps.setLong(1, debtorId);
      ps.setString(2, currency);
      ps.setArray(3, c.createArrayOf("text", terms.contracts().toArray()));
      ps.setObject(4, graceDays, java.sql.Types.INTEGER);
      ps.setTimestamp(5, Timestamp.from(startsAt));
      ps.setString(6, confirmed ? "confirmed" : "proposed");
      ps.setString(7, actor);
      ps.setObject(8, visitId, java.sql.Types.BIGINT);
      ps.setString(9, confirmed ? actor : null);
      ps.setTimestamp(10, confirmed ? Timestamp.from(confirmedAt) : null);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        id = rs.getLong(1);
      }
    }
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO agreement_installment (agreement_id, seq, due_date, amount) VALUES (?, ?, ?, ?)")) {
      int seq = 1;
      for (AgreementTerms.Installment i : terms.installments()) {
        ps.setLong(1, id);
        ps.setInt(2, seq++);
        ps.setObject(3, i.date());
        ps.setBigDecimal(4, i.amount());
        ps.addBatch();
      }
      ps.executeBatch();
    }
    AgreementTerms.Installment last = terms.installments().get(terms.installments().size() - 1);
    ClientLog.append(c, debtorId, actor, ClientLog.Kind.AGREEMENT, "agreement " + id + (confirmed ? " made" : " proposed") + " by "
        + actor + ": " + terms.total().toPlainString() + " " + currency + " in " + terms.installments().size()
        + " installments to " + last.date() + " over " + String.join(", ", terms.contracts()),
        terms.toJson().put("currency", currency).put("agreementId", id).put("status", confirmed ? "confirmed" : "proposed")
            .put("visitId", visitId));
    return id;
  }

  /** Confirms a proposed agreement. @throws ApiException 404 unknown or outside the scope, 409 already confirmed */
  public JsonObject confirm(long id, String actor, DebtorScope caller) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        long debtorId;
        try (PreparedStatement ps = c.prepareStatement("SELECT a.status, a.debtor_id, d.team_id, a.confirmed_by FROM agreement a"
            + " JOIN debtor d ON d.id = a.debtor_id WHERE a.id = ? FOR UPDATE OF a")) {
          ps.setLong(1, id);
          try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next() || !caller.admits(rs.getString(3))) {
              throw ApiException.notFound("no agreement " + id);
            }
            if (rs.getString(1).equals("confirmed")) {
              throw new ApiException(409, "agreement " + id + " was already confirmed by " + rs.getString(4));
            }
            debtorId = rs.getLong(2);
          }
        }
        try (PreparedStatement ps = c.prepareStatement(
            "UPDATE agreement SET status = 'confirmed', confirmed_by = ?, confirmed_at = ?, grace_days = ? WHERE id = ?")) {
          ps.setString(1, actor);
          ps.setTimestamp(2, Timestamp.from(clock.instant()));
          ps.setInt(3, graceDays);
          ps.setLong(4, id);
          ps.executeUpdate();
        }
        ClientLog.append(c, debtorId, actor, ClientLog.Kind.AGREEMENT, "agreement " + id + " confirmed by " + actor,
            new JsonObject().put("agreementId", id).put("status", "confirmed"));
        c.commit();
        return read(c, id, today()).orElseThrow();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  /** The debtor's agreements, newest first, with their installments' states on {@code day}. */
  public JsonObject list(String debtorExternalId, LocalDate day, DebtorScope caller) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      long debtorId = debtor(c, debtorExternalId, caller);
      Map<Long, JsonObject> byId = agreements(c, "a.debtor_id = ?", debtorId, day);
      return new JsonObject().put("debtor", debtorExternalId).put("asOf", day.toString())
          .put("agreements", new JsonArray(new java.util.ArrayList<>(byId.values())));
    }
  }

  private java.util.Optional<JsonObject> read(Connection c, long id, LocalDate day) throws SQLException {
    return agreements(c, "a.id = ?", id, day).values().stream().findFirst();
  }

  private static Map<Long, JsonObject> agreements(Connection c, String where, long key, LocalDate day) throws SQLException {
    Map<Long, JsonObject> byId = new LinkedHashMap<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT a.id, d.external_id, a.status, a.currency, a.contracts, a.grace_days,"
        + " a.starts_at, a.proposed_by, a.visit_id, a.confirmed_by, a.confirmed_at FROM agreement a JOIN debtor d ON d.id = a.debtor_id"
        + " WHERE " + where + " ORDER BY a.id DESC")) {
      ps.setLong(1, key);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          JsonArray contracts = new JsonArray();
          for (Object o : (Object[]) rs.getArray(5).getArray()) {
            contracts.add(String.valueOf(o));
          }
          byId.put(rs.getLong(1), new JsonObject().put("id", rs.getLong(1)).put("debtor", rs.getString(2))
              .put("status", rs.getString(3)).put("currency", rs.getString(4).strip()).put("contracts", contracts)
              .put("graceDays", rs.getObject(6)).put("startsAt", rs.getTimestamp(7).toInstant().toString())
              .put("proposedBy", rs.getString(8)).put("visitId", rs.getObject(9)).put("confirmedBy", rs.getString(10))
              .put("confirmedAt", rs.getTimestamp(11) == null ? null : rs.getTimestamp(11).toInstant().toString())
              .put("installments", new JsonArray()));
        }
      }
    }
    if (byId.isEmpty()) {
      return byId;
    }
    try (PreparedStatement ps = c.prepareStatement("SELECT s.agreement_id, s.seq, s.due_date, s.amount, s.covered, s.state"
        + " FROM agreement_installment_states(?, NULL, NULL) s WHERE s.agreement_id = ANY (?) ORDER BY s.agreement_id, s.seq")) {
      ps.setObject(1, day);
      ps.setArray(2, c.createArrayOf("bigint", byId.keySet().toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          byId.get(rs.getLong(1)).getJsonArray("installments").add(new JsonObject().put("seq", rs.getInt(2))
              .put("date", rs.getObject(3, LocalDate.class).toString()).put("amount", rs.getBigDecimal(4).toPlainString())
              .put("paid", rs.getBigDecimal(5).setScale(2).toPlainString()).put("state", rs.getString(6)));
        }
      }
    }
    for (JsonObject a : byId.values()) {
      BigDecimal total = BigDecimal.ZERO;
      BigDecimal paid = BigDecimal.ZERO;
      boolean missed = false;
      boolean allPaid = true;
      for (Object o : a.getJsonArray("installments")) {
        JsonObject i = (JsonObject) o;
        total = total.add(new BigDecimal(i.getString("amount")));
        paid = paid.add(new BigDecimal(i.getString("paid")));
        missed |= i.getString("state").equals("missed");
        allPaid &= i.getString("state").equals("paid");
      }
      a.put("total", total.toPlainString()).put("paid", paid.toPlainString())
          .put("state", missed ? "broken" : allPaid ? "kept" : "active");
    }
    return byId;
  }

  private static long debtor(Connection c, String externalId, DebtorScope caller) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT id, team_id FROM debtor WHERE external_id = ?")) {
      ps.setString(1, externalId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next() || !caller.admits(rs.getString(2))) {
          throw ApiException.notFound("no debtor '" + externalId + "'");
        }
        return rs.getLong(1);
      }
    }
  }
}
