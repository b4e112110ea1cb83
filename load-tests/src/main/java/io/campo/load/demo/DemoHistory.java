package io.campo.load.demo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Weeks of synthetic past visits to the demo's portfolio, so that the contact-hour report and
 * each debtor's contact windows show real patterns at the first start, and today's plan (drawn
 * from the portfolio) learns its windows from them.
 *
 * <p>Every demo debtor ({@code v-…}) with a home address was visited {@value #VISITS_PER_WEEK}
 * times a week over the {@code weeks} full weeks before this one, on a uniformly random day
 * Monday to Saturday (nobody visits on Sundays), at a uniformly random
 * local time between 08:00 and 20:59 (the check-in at the door, by one of the demo agents). Whether
 * anybody answered depends on the debtor's segment ({@link DemoPortfolio}):
 * <ul>
 *   <li>{@value DemoPortfolio#SALARIED}: at work on weekdays — 75 % reached 18–21 h, 20 % before; 70 % on Saturdays;</li>
 *   <li>{@value DemoPortfolio#SHOPKEEPER}: at the shop door on weekday mornings — 75 % reached 9–12 h, 30 % otherwise,
 *       35 % on Saturdays;</li>
 *   <li>anyone else: 45 % at any hour.</li>
 * </ul>
 * A contact is PAID (30 %), PROMISE (45 %, for a week later), REFUSED (20 %) or INCIDENT (5 %);
 * no contact is NO_CONTACT (90 %) or WRONG_ADDRESS. 3 % of the visits are REJECTED (checked in
 * 250 m from the door). One set-based INSERT (the rollup triggers count each row), with a fixed
 * random seed; skipped when the history is already there, so every start may call it.
 */
public final class DemoHistory {

  static final int VISITS_PER_WEEK = 2;
  /** Marks the seeded visits (idempotency keys {@code demo-history-…}): what a later start finds and skips. */
  static final String KEY_PREFIX = "demo-history-";

  private final DataSource dataSource;

  public DemoHistory(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Seeds the {@code weeks} full weeks before the current one (local dates in the server's zone).
   *
   * @param agents the visits are shared among the demo agents {@code demo-001} to this number
   * @return the visits written, 0 when the history was already there
   */
  public int seed(int weeks, int agents) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT EXISTS (SELECT 1 FROM visit WHERE idempotency_key LIKE '" + KEY_PREFIX + "%')")) {
        rs.next();
        if (rs.getBoolean(1)) {
          return 0;
        }
      }
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        try (Statement s = c.createStatement()) {
          s.execute("SELECT setseed(0.2026)");
        }
        int written;
        try (PreparedStatement ps = c.prepareStatement(SQL)) {
          ps.setInt(1, weeks);
          ps.setInt(2, weeks * VISITS_PER_WEEK);
          ps.setInt(3, agents);
          written = ps.executeUpdate();
        }
        c.commit();
        return written;
      } catch (SQLException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(autoCommit);
      }
    }
  }

  // The drawn numbers are materialised once per visit, so the contact draw and the outcome agree.
  private static final String SQL = """
      WITH zone AS (SELECT zone, (now() AT TIME ZONE zone)::date AS today FROM contact_rollup_zone),
      debtors AS (
        SELECT d.id, d.external_id, d.segment, a.id AS address_id, a.lat, a.lon, row_number() OVER (ORDER BY d.external_id) AS n
        FROM debtor d JOIN address a ON a.debtor_id = d.id AND a.active AND a.kind = 'home'
        WHERE d.external_id LIKE 'v-%'),
      drawn AS MATERIALIZED (
        SELECT d.*, k, z.zone,
               date_trunc('week', z.today)::date - 7 * (1 + floor(random() * ?)::int) + floor(random() * 6)::int AS local_day,
               8 + floor(random() * 13)::int AS hour, floor(random() * 60)::int AS minute,
               random() AS contact_draw, random() AS outcome_draw, random() AS reject_draw
        FROM debtors d CROSS JOIN generate_series(1, ?) k CROSS JOIN zone z),
      judged AS (
        SELECT drawn.*,
               contact_draw < CASE
                 WHEN segment = 'asalariado' THEN CASE WHEN extract(isodow FROM local_day) = 6 THEN 0.70
                                                       WHEN hour BETWEEN 18 AND 20 THEN 0.75 ELSE 0.20 END
                 WHEN segment = 'comerciante' THEN CASE WHEN extract(isodow FROM local_day) = 6 THEN 0.35
                                                        WHEN hour BETWEEN 9 AND 11 THEN 0.75 ELSE 0.30 END
                 ELSE 0.45 END AS reached,
               (local_day + make_time(hour, minute, 0)) AT TIME ZONE zone AS at
        FROM drawn)
      INSERT INTO visit (agent_id, idempotency_key, request_hash, debtor_id, address_id, check_in_at, check_in_lat,
                         check_in_lon, check_in_accuracy, check_out_at, outcome, outcome_details, status, validation, received_at)
      SELECT 'demo-' || lpad((1 + (n + k) % ?)::text, 3, '0'),
             'demo-history-' || external_id || '-' || k, 'demo-history', id, address_id, at,
             lat + CASE WHEN reject_draw < 0.03 THEN 0.00225 ELSE 0 END, lon, 8, at + interval '12 minutes',
             o.outcome,
             CASE o.outcome
               WHEN 'PAID' THEN jsonb_build_object('type', 'PAID', 'amount', '500.00', 'currency', 'MXN',
                                                   'receipt', 'H-' || external_id || '-' || k)
               WHEN 'PROMISE' THEN jsonb_build_object('type', 'PROMISE', 'date', (local_day + 7)::text, 'amount', '500.00',
                                                      'currency', 'MXN')
               WHEN 'INCIDENT' THEN jsonb_build_object('type', 'INCIDENT', 'incident', 'perro', 'note', 'historial de demostración')
               ELSE jsonb_build_object('type', o.outcome) END,
             CASE WHEN reject_draw < 0.03 THEN 'REJECTED' ELSE 'VALID' END,
             CASE WHEN reject_draw < 0.03
               THEN jsonb_build_object('valid', false, 'failures', jsonb_build_array(jsonb_build_object(
                 'reason', 'check_in_outside_geofence', 'message', 'check-in 250 m from the door (demo history)', 'measured', 250)))
               ELSE jsonb_build_object('valid', true, 'failures', jsonb_build_array()) END,
             at + interval '13 minutes'
      FROM judged CROSS JOIN LATERAL (SELECT CASE
          WHEN reached THEN CASE WHEN outcome_draw < 0.30 THEN 'PAID' WHEN outcome_draw < 0.75 THEN 'PROMISE'
                                 WHEN outcome_draw < 0.95 THEN 'REFUSED' ELSE 'INCIDENT' END
          ELSE CASE WHEN outcome_draw < 0.90 THEN 'NO_CONTACT' ELSE 'WRONG_ADDRESS' END END AS outcome) o
      ON CONFLICT (agent_id, idempotency_key) DO NOTHING""";
}
