package io.campo.load.bench.agentapp;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import javax.sql.DataSource;

/**
 * Today's plan for one agent over {@code stops} debtors, each as full as a real card gets: two phones, three debts, a
 * segment and a group; and a 2,000-point route, what a day of street-by-street driving decodes to. Written straight to
 * the database (as a finished plan job), so the bench needs no road network.
 */
final class SeededDay {

  static final double LAT = 19.4326;
  static final double LON = -99.1332;
  static final int ROUTE_POINTS = 2_000;

  private SeededDay() {}

  static void seed(DataSource dataSource, String agentId, int stops, LocalDate date) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement debtor = c.prepareStatement("INSERT INTO debtor (external_id, name, phones, consent_messages,"
          + " consent_calls, segment, group_id, group_role) VALUES (?, ?, ?, true, true, 'temprana', ?, 'member')");
          PreparedStatement address = c.prepareStatement("INSERT INTO address (debtor_id, kind, line, lat, lon, radius_m)"
              + " SELECT id, 'home', ?, ?, ?, 60 FROM debtor WHERE external_id = ?");
          PreparedStatement debt = c.prepareStatement("INSERT INTO debt (debtor_id, external_id, product, currency, principal,"
              + " balance, due_date) SELECT id, ?, ?, 'MXN', 25000, ?, ? FROM debtor WHERE external_id = ?")) {
        for (int i = 1; i <= stops; i++) {
          String id = "BENCH-" + i;
          debtor.setString(1, id);
          debtor.setString(2, "Deudora Número " + i + " Hernández García");
          debtor.setArray(3, c.createArrayOf("text", new String[] {"+5255" + (10000000 + i), "+5255" + (20000000 + i)}));
          debtor.setString(4, "G-" + (i % 8));
          debtor.addBatch();
        }
        debtor.executeBatch();
        for (int i = 1; i <= stops; i++) {
          String id = "BENCH-" + i;
          address.setString(1, "Calle de la Prueba " + i + ", Col. Centro, Cuauhtémoc, 06000 CDMX");
          address.setDouble(2, lat(i));
          address.setDouble(3, lon(i));
          address.setString(4, id);
          address.addBatch();
          for (int d = 1; d <= 3; d++) {
            debt.setString(1, "K-" + i + "-" + d);
            debt.setString(2, d == 1 ? "consumo" : d == 2 ? "tarjeta" : "microcredito");
            debt.setBigDecimal(3, new java.math.BigDecimal("4321.50").add(java.math.BigDecimal.valueOf(i * 10L + d)));
            debt.setObject(4, date.minusDays(15L * d + i));
            debt.setString(5, id);
            debt.addBatch();
          }
        }
        address.executeBatch();
        debt.executeBatch();
      }
      try (PreparedStatement plan = c.prepareStatement("INSERT INTO plan_job (plan_date, status, request, result, created_by,"
          + " finished_at) VALUES (?, 'done', '{}', ?::jsonb, 'admin', now())")) {
        plan.setObject(1, date);
        plan.setString(2, new JsonObject().put("routes", new JsonArray().add(route(agentId, stops))).encode());
        plan.executeUpdate();
      }
      c.commit();
    }
  }

  private static JsonObject route(String agentId, int stops) {
    Instant t0 = Instant.now();
    JsonArray s = new JsonArray();
    for (int i = 1; i <= stops; i++) {
      s.add(new JsonObject().put("visitId", "BENCH-" + i).put("lat", lat(i)).put("lon", lon(i))
          .put("arrival", t0.plusSeconds(600L * i).toString()));
    }
    JsonArray line = new JsonArray();
    for (int p = 0; p < ROUTE_POINTS; p++) {
      double f = (double) p / ROUTE_POINTS * stops;
      line.add(new JsonArray().add(LON + 0.0011 * f + 0.00003 * (p % 7)).add(LAT + 0.0007 * Math.sin(f) + 0.00002 * (p % 5)));
    }
    return new JsonObject().put("agentId", agentId).put("departure", t0.toString())
        .put("finish", t0.plusSeconds(600L * (stops + 1)).toString()).put("stops", s)
        .put("geometry", new JsonObject().put("type", "LineString").put("coordinates", line));
  }

  private static double lat(int i) {
    return LAT + 0.0007 * Math.sin(i);
  }

  private static double lon(int i) {
    return LON + 0.0011 * i;
  }
}
