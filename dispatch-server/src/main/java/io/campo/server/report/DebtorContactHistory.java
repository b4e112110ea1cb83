package io.campo.server.report;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A debtor's attempts and contacts per local hour of day (from its own visits, by the
 * visit_debtor index), and its segment's from the rollup minus the debtor's own. Counting rules
 * as in the contact-hour report: REJECTED visits are no attempts; NO_CONTACT and WRONG_ADDRESS are
 * no contacts. A debtor without a segment is compared with every other debtor.
 */
public final class DebtorContactHistory {

  /** {@code own[h] = {attempts, contacts}}, {@code segmentOthers[h]} likewise for the segment's other debtors. */
  public record Counts(String segment, long[][] own, long[][] segmentOthers) {}

  private final DataSource dataSource;
  private final String zone;

  public DebtorContactHistory(DataSource dataSource, String zone) {
    this.dataSource = dataSource;
    this.zone = zone;
  }

  /** Empty when there is no such debtor. */
  public Optional<Counts> counts(String externalId) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      // One snapshot for the three reads, so the debtor's own counts are exactly the part of the
      // rollup that is subtracted, even while visits arrive. (The pool resets these on return.)
      c.setAutoCommit(false);
      c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      c.setReadOnly(true);
      try {
        return read(c, externalId);
      } finally {
        c.rollback();
      }
    }
  }

  /**
   * The counts of many debtors at once (a plan's thousands of visits), in two set-based reads
   * in one snapshot: every listed debtor's own visits grouped by debtor and hour (by the
   * visit_debtor index), and the rollup grouped by segment and hour, from which each debtor's
   * segment-others are its segment's totals minus its own. Unknown ids are left out.
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
        c.rollback();
      }
    }
  }

  private Map<String, Counts> readMany(Connection c, Collection<String> externalIds) throws SQLException {
    Map<String, String> segments = new HashMap<>();
    Map<String, long[][]> own = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement("""
        SELECT d.external_id, d.segment, extract(hour FROM v.check_in_at AT TIME ZONE ?)::int, count(v.id),
               count(v.id) FILTER (WHERE v.outcome NOT IN ('NO_CONTACT', 'WRONG_ADDRESS'))
        FROM debtor d LEFT JOIN visit v ON v.debtor_id = d.id AND v.status <> 'REJECTED'
        WHERE d.external_id = ANY (?) GROUP BY 1, 2, 3""")) {
      ps.setString(1, zone);
      ps.setArray(2, c.createArrayOf("text", externalIds.toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String id = rs.getString(1);
          segments.put(id, rs.getString(2));
          long[][] hours = own.computeIfAbsent(id, k -> new long[24][2]);
          int h = rs.getInt(3);
          if (!rs.wasNull()) {
            hours[h][0] += rs.getLong(4);
            hours[h][1] += rs.getLong(5);
          }
        }
      }
    }
    Map<String, long[][]> bySegment = new HashMap<>();
    long[][] all = new long[24][2];
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT segment, hour, sum(attempts), sum(contacts) FROM visit_contact_hourly GROUP BY segment, hour");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        int h = rs.getInt(2);
        long attempts = rs.getLong(3);
        long contacts = rs.getLong(4);
        all[h][0] += attempts;
        all[h][1] += contacts;
        if (rs.getString(1) != null) {
          long[][] seg = bySegment.computeIfAbsent(rs.getString(1), k -> new long[24][2]);
          seg[h][0] += attempts;
          seg[h][1] += contacts;
        }
      }
    }
    Map<String, Counts> out = new HashMap<>();
    for (Map.Entry<String, long[][]> e : own.entrySet()) {
      String segment = segments.get(e.getKey());
      long[][] totals = segment == null ? all : bySegment.getOrDefault(segment, new long[24][2]);
      out.put(e.getKey(), new Counts(segment, e.getValue(), minus(totals, e.getValue())));
    }
    return out;
  }

  private static long[][] minus(long[][] totals, long[][] own) {
    long[][] others = new long[24][2];
    for (int h = 0; h < 24; h++) {
      others[h][0] = totals[h][0] - own[h][0];
      others[h][1] = totals[h][1] - own[h][1];
    }
    return others;
  }

  private Optional<Counts> read(Connection c, String externalId) throws SQLException {
    long debtorId;
    String segment;
    try (PreparedStatement ps = c.prepareStatement("SELECT id, segment FROM debtor WHERE external_id = ?")) {
      ps.setString(1, externalId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        debtorId = rs.getLong(1);
        segment = rs.getString(2);
      }
    }
    long[][] own = new long[24][2];
    try (PreparedStatement ps = c.prepareStatement("""
        SELECT extract(hour FROM v.check_in_at AT TIME ZONE ?), count(*),
               count(*) FILTER (WHERE v.outcome NOT IN ('NO_CONTACT', 'WRONG_ADDRESS'))
        FROM visit v WHERE v.debtor_id = ? AND v.status <> 'REJECTED' GROUP BY 1""")) {
      ps.setString(1, zone);
      ps.setLong(2, debtorId);
      fill(ps, own);
    }
    long[][] all = new long[24][2];
    try (PreparedStatement ps = c.prepareStatement("""
        SELECT hour, sum(attempts), sum(contacts) FROM visit_contact_hourly
        WHERE ?::text IS NULL OR segment = ? GROUP BY hour""")) {
      ps.setString(1, segment);
      ps.setString(2, segment);
      fill(ps, all);
    }
    return Optional.of(new Counts(segment, own, minus(all, own)));
  }

  private static void fill(PreparedStatement ps, long[][] into) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        int h = rs.getInt(1);
        into[h][0] += rs.getLong(2);
        into[h][1] += rs.getLong(3);
      }
    }
  }
}
