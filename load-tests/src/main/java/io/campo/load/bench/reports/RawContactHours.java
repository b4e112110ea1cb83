package io.campo.load.bench.reports;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * The contact-hour matrix computed the slow way, straight from the visit table with a GROUP BY:
 * the baseline the rollup is measured against, and the reference its counts must equal. Same
 * rules as the server's ContactHourQuery (local hour of the check-in in the rollup's zone,
 * REJECTED left out, a contact is what campo_is_contact says).
 */
final class RawContactHours {

  private static final String RAW = """
      SELECT extract(isodow FROM t.l)::int, extract(hour FROM t.l)::int, count(*),
             count(*) FILTER (WHERE campo_is_contact(v.outcome))
      FROM visit v
      CROSS JOIN LATERAL (SELECT v.check_in_at AT TIME ZONE ?) AS t(l)
      WHERE v.check_in_at >= ((?::date - 2)::timestamp AT TIME ZONE 'UTC')
        AND v.check_in_at < ((?::date + 3)::timestamp AT TIME ZONE 'UTC')
        AND t.l::date BETWEEN ? AND ?
        AND v.status <> 'REJECTED'
      GROUP BY 1, 2
      """;

  private static final String ROLLUP = """
      SELECT weekday::int, hour::int, sum(attempts), sum(contacts)
      FROM visit_contact_hourly WHERE local_day BETWEEN ? AND ?
      GROUP BY 1, 2
      """;

  private RawContactHours() {}

  /** {@code weekday * 100 + hour} -> {attempts, contacts} from the visit table. */
  static Map<Integer, Cell> fromVisits(DataSource ds, LocalDate from, LocalDate to) throws SQLException {
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(RAW)) {
      ps.setString(1, ReportDataGenerator.rollupZone(c));
      ps.setObject(2, from);
      ps.setObject(3, to);
      ps.setObject(4, from);
      ps.setObject(5, to);
      return read(ps);
    }
  }

  /** The same cells from the rollup, read directly (no HTTP, no filters). */
  static Map<Integer, Cell> fromRollup(DataSource ds, LocalDate from, LocalDate to) throws SQLException {
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(ROLLUP)) {
      ps.setObject(1, from);
      ps.setObject(2, to);
      return read(ps);
    }
  }

  /** Attempts and contacts of one weekday-hour cell. */
  record Cell(long attempts, long contacts) {}

  private static Map<Integer, Cell> read(PreparedStatement ps) throws SQLException {
    Map<Integer, Cell> cells = new TreeMap<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        Cell cell = new Cell(rs.getLong(3), rs.getLong(4));
        if (cell.attempts() != 0) {
          cells.put(rs.getInt(1) * 100 + rs.getInt(2), cell);
        }
      }
    }
    return cells;
  }
}
