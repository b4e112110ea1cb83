package io.campo.server.report;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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
    long[][] others = new long[24][2];
    for (int h = 0; h < 24; h++) {
      others[h][0] = all[h][0] - own[h][0];
      others[h][1] = all[h][1] - own[h][1];
    }
    return Optional.of(new Counts(segment, own, others));
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
