package io.campo.server.report;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A debtor's attempts and contacts per local hour of day (from its own visits, by the
 * visit_debtor index), and its segment's from the rollup minus the debtor's own — over all days and
 * per ISO weekday. Counting rules as in the contact-hour report: REJECTED visits are no attempts;
 * a contact is what the database's campo_is_contact says (V34). A debtor without a segment is compared
 * with every other debtor.
 */
public final class DebtorContactHistory {

  /**
   * {@code own[h] = {attempts, contacts}}, {@code segmentOthers[h]} likewise for the segment's other debtors;
   * {@code ownByDay[d][h]} and {@code segmentOthersByDay[d][h]} the same on ISO weekday {@code d} (1 = Monday … 7; row
   * 0 unused).
   */
  public record Counts(String segment, long[][] own, long[][] segmentOthers, long[][][] ownByDay, long[][][] segmentOthersByDay) {}

  private final DataSource dataSource;
  private final String zone;

  public DebtorContactHistory(DataSource dataSource, String zone) {
    this.dataSource = dataSource;
    this.zone = zone;
  }

  /** Empty when there is no such debtor. */
  public Optional<Counts> counts(String externalId) throws SQLException {
    return Optional.ofNullable(counts(List.of(externalId)).get(externalId));
  }

  /**
   * The counts of many debtors at once (a plan's thousands of visits), in two set-based reads
   * in one snapshot, so the debtor's own counts are exactly the part of the rollup that is
   * subtracted, even while visits arrive: every listed debtor's own visits grouped by debtor,
   * weekday and hour (by the visit_debtor index), and the rollup grouped by segment, weekday and
   * hour, from which each debtor's segment-others are its segment's totals minus its own. Unknown
   * ids are left out.
   */
  public Map<String, Counts> counts(Collection<String> externalIds) throws SQLException {
    if (externalIds.isEmpty()) {
      return Map.of();
    }
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      c.setReadOnly(true);
      try {
        return readMany(c, externalIds);
      } finally {
        c.rollback(); // (the pool resets the connection's settings on return)
      }
    }
  }

  private Map<String, Counts> readMany(Connection c, Collection<String> externalIds) throws SQLException {
    Map<String, String> segments = new HashMap<>();
    Map<String, long[][][]> own = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement("""
        SELECT d.external_id, d.segment, extract(isodow FROM v.check_in_at AT TIME ZONE ?)::int,
               extract(hour FROM v.check_in_at AT TIME ZONE ?)::int, count(v.id),
               count(v.id) FILTER (WHERE campo_is_contact(v.outcome))
        FROM debtor d LEFT JOIN visit v ON v.debtor_id = d.id AND v.status <> 'REJECTED'
        WHERE d.external_id = ANY (?) GROUP BY 1, 2, 3, 4""")) {
      ps.setString(1, zone);
      ps.setString(2, zone);
      ps.setArray(3, c.createArrayOf("text", externalIds.toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String id = rs.getString(1);
          segments.put(id, rs.getString(2));
          long[][][] days = own.computeIfAbsent(id, k -> new long[8][24][2]);
          int d = rs.getInt(3);
          if (!rs.wasNull()) {
            days[d][rs.getInt(4)][0] += rs.getLong(5);
            days[d][rs.getInt(4)][1] += rs.getLong(6);
          }
        }
      }
    }
    Map<String, long[][][]> bySegment = new HashMap<>();
    long[][][] all = new long[8][24][2];
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT segment, weekday, hour, sum(attempts), sum(contacts) FROM visit_contact_hourly GROUP BY segment, weekday, hour");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        int d = rs.getInt(2);
        int h = rs.getInt(3);
        long attempts = rs.getLong(4);
        long contacts = rs.getLong(5);
        all[d][h][0] += attempts;
        all[d][h][1] += contacts;
        if (rs.getString(1) != null) {
          long[][][] seg = bySegment.computeIfAbsent(rs.getString(1), k -> new long[8][24][2]);
          seg[d][h][0] += attempts;
          seg[d][h][1] += contacts;
        }
      }
    }
    Map<String, Counts> out = new HashMap<>();
    for (Map.Entry<String, long[][][]> e : own.entrySet()) {
      String segment = segments.get(e.getKey());
      long[][][] totals = segment == null ? all : bySegment.getOrDefault(segment, new long[8][24][2]);
      long[][][] ownByDay = e.getValue();
      long[][][] othersByDay = new long[8][][];
      othersByDay[0] = new long[24][2];
      for (int d = 1; d <= 7; d++) {
        othersByDay[d] = minus(totals[d], ownByDay[d]);
      }
      out.put(e.getKey(), new Counts(segment, sumOfDays(ownByDay), sumOfDays(othersByDay), ownByDay, othersByDay));
    }
    return out;
  }

  private static long[][] sumOfDays(long[][][] byDay) {
    long[][] sum = new long[24][2];
    for (int d = 1; d <= 7; d++) {
      for (int h = 0; h < 24; h++) {
        sum[h][0] += byDay[d][h][0];
        sum[h][1] += byDay[d][h][1];
      }
    }
    return sum;
  }

  private static long[][] minus(long[][] totals, long[][] own) {
    long[][] others = new long[24][2];
    for (int h = 0; h < 24; h++) {
      others[h][0] = totals[h][0] - own[h][0];
      others[h][1] = totals[h][1] - own[h][1];
    }
    return others;
  }
}
