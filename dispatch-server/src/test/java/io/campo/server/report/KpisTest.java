package io.campo.server.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KpisTest {

  static KpiInputs.AgentRow row(long days, long visits, long rejected, long timed, double seconds, String collected, double meters) {
    return new KpiInputs.AgentRow("a", "A", null, days, visits, rejected, visits - rejected, 0, 1, new BigDecimal(collected), timed,
        seconds, meters);
  }

  @Test
  void formulasOnKnownInputs() {
    KpiInputs in = new KpiInputs(List.of(row(2, 5, 1, 3, 1800, "150.00", 3000), row(1, 3, 0, 0, 0, "50.00", 1500)),
        new BigDecimal("8000.00"), new BigDecimal("2000.00"), new BigDecimal("40000.00"), 10, 4, new BigDecimal("1800.00"),
        new BigDecimal("400.00"), 1, 2);
    Map<String, Double> v = Kpis.of(in, 10);
    assertEquals(200.0, v.get("collectionPeriodDays"));   // 8000 x 10 / 400
    assertEquals(5.0, v.get("averageDebtAgeDays"));       // 40000 / 8000
    assertEquals(25.0, v.get("overduePercent"));
    assertEquals(40.0, v.get("clientsManagedPercent"));
    assertEquals(10.0, v.get("recoveryRatePercent"));     // 200 / (200 + 1800)
    assertEquals(2.0, v.get("promisesMade"));
    assertEquals(1.0, v.get("promisesKept"));
    assertEquals(2.0, v.get("promisesBroken"));
    assertEquals(2.33, v.get("visitsPerAgentDay"));       // 7 attempts / 3 agent-days
    assertEquals(10.0, v.get("averageVisitMinutes"));     // 1800 s / 3
    assertEquals(1.5, v.get("distanceKmPerAgentDay"));    // 4.5 km / 3
    assertEquals(12.5, v.get("rejectedPercent"));         // 1 / 8
    assertEquals(List.copyOf(Kpis.UNITS.keySet()), List.copyOf(v.keySet()));
  }

  @Test
  void zeroDenominatorsAreNullsAndCountsZeros() {
    KpiInputs none = new KpiInputs(List.of(), BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, 0, 0, BigDecimal.ZERO,
        BigDecimal.ZERO, 0, 0);
    Map<String, Double> v = Kpis.of(none, 7);
    for (String kpi : List.of("collectionPeriodDays", "averageDebtAgeDays", "overduePercent", "clientsManagedPercent",
        "recoveryRatePercent", "visitsPerAgentDay", "averageVisitMinutes", "distanceKmPerAgentDay", "rejectedPercent")) {
      assertNull(v.get(kpi), kpi);
    }
    assertEquals(0.0, v.get("promisesMade"));
    assertEquals(0.0, v.get("promisesKept"));
    assertEquals(0.0, v.get("promisesBroken"));
  }
}
