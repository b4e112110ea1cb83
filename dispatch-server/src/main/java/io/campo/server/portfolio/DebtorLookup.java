package io.campo.server.portfolio;

import io.campo.server.team.DebtorScope;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Reads a debtor as the dispatcher sees it — debts with days past due (counted in the agency's
 * time zone), addresses with their geofences, group membership — and its segmentation; and the
 * members of a group credit. Amounts are decimal strings ("8000.50"): a JSON number would reach
 * most clients as a binary double. Blocking (JDBC).
 */
public final class DebtorLookup {

  /** A debtor paying weekly for years has hundreds; the card needs the recent ones, the ledger keeps all. */
  static final int MAX_LISTED_PAYMENTS = 500;

  private final DataSource dataSource;
  private final Segmentation segmentation;
  private final Clock clock;
  private final ZoneId zone;

  public DebtorLookup(DataSource dataSource, Segmentation segmentation, Clock clock, ZoneId zone) {
    this.dataSource = dataSource;
    this.segmentation = segmentation;
    this.clock = clock;
    this.zone = zone;
  }

  public Optional<JsonObject> debtor(String externalId) throws SQLException {
    LocalDate today = LocalDate.now(clock.withZone(zone));
    try (Connection c = dataSource.getConnection()) {
      JsonObject debtor;
      long id;
      try (PreparedStatement ps = c.prepareStatement("SELECT id, external_id, name, phones, consent_visits, consent_calls,"
          + " consent_messages, segment, group_id, group_role, created_at, updated_at FROM debtor WHERE external_id = ?")) {
        ps.setString(1, externalId);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            return Optional.empty();
          }
          id = rs.getLong(1);
          debtor = new JsonObject().put("externalId", rs.getString(2)).put("name", rs.getString(3))
              .put("phones", strings(rs.getArray(4)))
              .put("consent", new JsonObject().put("visits", rs.getBoolean(5)).put("calls", rs.getBoolean(6))
                  .put("messages", rs.getBoolean(7)))
              .put("segment", rs.getString(8))
              .put("group", rs.getString(9) == null ? null
                  : new JsonObject().put("id", rs.getString(9)).put("role", rs.getString(10)))
              .put("createdAt", rs.getTimestamp(11).toInstant().toString())
              .put("updatedAt", rs.getTimestamp(12).toInstant().toString());
        }
      }
      PromiseHistory promises = PromiseRecords.of(c, id, today);
      debtor.put("promises", new JsonObject().put("kept", promises.kept()).put("broken", promises.broken())
          .put("open", OpenPromises.of(c, id, today)));
      List<Segmentation.DebtSegment> segments = new ArrayList<>();
      List<BigDecimal> balances = new ArrayList<>();
      JsonArray debts = new JsonArray();
      try (PreparedStatement ps = c.prepareStatement("SELECT external_id, product, currency, principal, balance, due_date"
          + " FROM debt WHERE debtor_id = ? ORDER BY due_date, external_id")) {
        ps.setLong(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            LocalDate due = rs.getObject(6, LocalDate.class);
            BigDecimal balance = rs.getBigDecimal(5);
            Segmentation.DebtSegment s = segmentation.debt(balance, Segmentation.daysPastDue(due, today), promises);
            segments.add(s);
            balances.add(balance);
            debts.add(new JsonObject().put("contract", rs.getString(1)).put("product", rs.getString(2))
                .put("currency", rs.getString(3).strip()).put("principal", rs.getBigDecimal(4).toPlainString()).put("balance", balance.toPlainString())
                .put("dueDate", due.toString()).put("daysPastDue", s.daysPastDue()).put("agingBucket", s.agingBucket().label())
                .put("amountBand", s.amountBand()).put("visitValue", s.visitValue()));
          }
        }
      }
      debtor.put("payments", payments(c, id)).put("credit", credit(c, id));
      JsonArray addresses = new JsonArray();
      try (PreparedStatement ps = c.prepareStatement("SELECT kind, line, lat, lon, radius_m, polygon::text, active, id"
          + " FROM address WHERE debtor_id = ? ORDER BY kind")) {
        ps.setLong(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            JsonObject a = new JsonObject().put("id", rs.getLong(8)).put("kind", rs.getString(1)).put("line", rs.getString(2)).put("lat", rs.getDouble(3))
                .put("lon", rs.getDouble(4)).put("radiusMeters", rs.getDouble(5)).put("active", rs.getBoolean(7));
            a.put("polygon", rs.getString(6) == null ? null : new JsonObject(rs.getString(6)));
            addresses.add(a);
          }
        }
      }
      Segmentation.DebtorSegment s = segmentation.debtor(segments, balances);
      return Optional.of(debtor.put("debts", debts).put("addresses", addresses)
          .put("segmentation", new JsonObject().put("daysPastDue", s.daysPastDue()).put("agingBucket", s.agingBucket().label())
              .put("amountBand", s.amountBand()).put("visitValue", s.visitValue()).put("priority", s.priority())
              .put("asOf", today.toString())));
    }
  }

  /**
   * The members of a group credit the reader may see, with each member's total balance; empty when the group has none
   * of them.
   */
  public Optional<JsonObject> group(String groupId, DebtorScope reader) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT d.external_id, d.name, d.group_role, coalesce(sum(t.balance), 0)"
            + " FROM debtor d LEFT JOIN debt t ON t.debtor_id = d.id WHERE d.group_id = ?"
            + " AND (? OR d.team_id = ANY (?))"
            + " GROUP BY d.id ORDER BY d.group_role = 'member', d.group_role, d.external_id")) {
      ps.setString(1, groupId);
      ps.setBoolean(2, reader.everyDebtor());
      ps.setArray(3, c.createArrayOf("text", reader.teams().toArray()));
      JsonArray members = new JsonArray();
      BigDecimal total = BigDecimal.ZERO;
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          members.add(new JsonObject().put("externalId", rs.getString(1)).put("name", rs.getString(2))
              .put("role", rs.getString(3)).put("balance", rs.getBigDecimal(4).toPlainString()));
          total = total.add(rs.getBigDecimal(4));
        }
      }
      return members.isEmpty() ? Optional.empty()
          : Optional.of(new JsonObject().put("groupId", groupId).put("members", members).put("balance", total.toPlainString()));
    }
  }

  /** The debtor's payments in the ledger (V24), newest first, each with where it went. */
  private static JsonArray payments(Connection c, long debtorId) throws SQLException {
    JsonArray out = new JsonArray();
    try (PreparedStatement ps = c.prepareStatement("SELECT p.id, p.contract, p.amount, p.currency, p.paid_at, p.reference,"
        + " p.source, p.visit_id, (SELECT json_agg(json_build_object('kind', a.kind, 'contract', t.external_id,"
        + " 'amount', a.amount::text) ORDER BY a.id) FROM payment_allocation a LEFT JOIN debt t ON t.id = a.debt_id"
        + " WHERE a.payment_id = p.id)::text FROM payment p WHERE p.debtor_id = ? ORDER BY p.paid_at DESC, p.id DESC LIMIT ?")) {
      ps.setLong(1, debtorId);
      ps.setInt(2, MAX_LISTED_PAYMENTS);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          JsonArray allocations = new JsonArray(rs.getString(9) == null ? "[]" : rs.getString(9));
          allocations.forEach(a -> ((JsonObject) a).getMap().values().removeIf(java.util.Objects::isNull));
          out.add(new JsonObject().put("id", rs.getLong(1)).put("contract", rs.getString(2))
              .put("amount", rs.getBigDecimal(3).toPlainString()).put("currency", rs.getString(4).strip())
              .put("paidAt", rs.getTimestamp(5).toInstant().toString()).put("reference", rs.getString(6))
              .put("source", rs.getString(7)).put("visitId", rs.getObject(8)).put("allocations", allocations));
        }
      }
    }
    return out;
  }

  /** Money paid beyond the debts, per currency ({@code {"MXN": "50.00"}}). */
  private static JsonObject credit(Connection c, long debtorId) throws SQLException {
    JsonObject out = new JsonObject();
    try (PreparedStatement ps = c.prepareStatement("SELECT p.currency, sum(a.amount) FROM payment_allocation a"
        + " JOIN payment p ON p.id = a.payment_id WHERE p.debtor_id = ? AND a.kind = 'credit' GROUP BY 1 ORDER BY 1")) {
      ps.setLong(1, debtorId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1).strip(), rs.getBigDecimal(2).toPlainString());
        }
      }
    }
    return out;
  }

  private static JsonArray strings(Array array) throws SQLException {
    JsonArray out = new JsonArray();
    if (array != null) {
      for (Object o : (Object[]) array.getArray()) {
        out.add(String.valueOf(o));
      }
    }
    return out;
  }
}
