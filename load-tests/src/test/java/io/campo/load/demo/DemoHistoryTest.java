package io.campo.load.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.campo.load.CampoTestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's seeded history shows its patterns in the contact-hour report and the debtors' windows, once. */
class DemoHistoryTest {

  static final ZoneId MEXICO = ZoneId.of("America/Mexico_City");
  static final int WEEKS = 8;

  @TempDir
  Path folder;

  @Test
  void salariedDebtorsAreFoundInTheEveningShopkeepersInTheMorningAndTheSeedRunsOnce() throws Exception {
    try (CampoTestServer campo = CampoTestServer.start(folder)) {
      PlanningApi api = new PlanningApi(URI.create("http://127.0.0.1:" + campo.server.httpPort() + "/"));
      String token = api.login("admin", "load-tests-admin");
      List<String> agents = IntStream.range(0, 50).mapToObj(DemoAgents::id).toList();
      JsonArray visits = new DemoDayRequest(DemoCityArea.ofKilometres(8), 42, 2).forAgents(agents, ZonedDateTime.now(MEXICO))
          .getJsonArray("visits");
      DemoPortfolio portfolio = new DemoPortfolio(visits, LocalDate.now(MEXICO), 42);
      assertEquals(0, api.importDebtors(token, portfolio.importRows()).getInteger("rejectedCount"));

      DemoHistory history = new DemoHistory(campo.server.database().dataSource());
      long t0 = System.nanoTime();
      assertEquals(1000 * WEEKS * DemoHistory.VISITS_PER_WEEK, history.seed(WEEKS, agents.size()), "two visits a week to each debtor");
      System.out.printf("DemoHistoryTest: seeded in %d ms (informative, not asserted)%n", (System.nanoTime() - t0) / 1_000_000);
      assertEquals(0, history.seed(WEEKS, agents.size()), "a later start skips the seed");
      assertEquals(16_000, campo.count("SELECT count(*) FROM visit"));
      assertEquals(0, campo.count("SELECT count(*) FROM visit WHERE extract(isodow FROM check_in_at AT TIME ZONE 'America/Mexico_City') = 7"
          + " OR extract(hour FROM check_in_at AT TIME ZONE 'America/Mexico_City') NOT BETWEEN 8 AND 20"), "Monday to Saturday, 8–21 h");
      long rejected = campo.count("SELECT count(*) FROM visit WHERE status = 'REJECTED'");
      assertTrue(rejected > 300 && rejected < 700, "about 3 % rejected: " + rejected);

      LocalDate monday = LocalDate.now(MEXICO).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      String range = "from=" + monday.minusWeeks(WEEKS) + "&to=" + monday.minusDays(1);
      JsonObject salaried = api.get(token, "api/reports/contact-hours?" + range + "&segment=" + DemoPortfolio.SALARIED);
      assertEquals(6400, salaried.getJsonObject("totals").getInteger("attempts")
          + (int) campo.count("SELECT count(*) FROM visit v JOIN debtor d ON d.id = v.debtor_id WHERE v.status = 'REJECTED'"
          + " AND d.segment = 'asalariado'"), "every salaried visit in the range, rejected ones not attempts");
      JsonObject best = salaried.getJsonArray("bestWindows").getJsonObject(0);
      assertTrue(best.getInteger("weekday") <= 5 && best.getInteger("startHour") >= 18, "the evening: " + best);

      JsonObject shopkeepers = api.get(token, "api/reports/contact-hours?" + range + "&segment=" + DemoPortfolio.SHOPKEEPER);
      JsonObject morning = shopkeepers.getJsonArray("bestWindows").getJsonObject(0);
      assertTrue(morning.getInteger("weekday") <= 5 && morning.getInteger("startHour") >= 9 && morning.getInteger("endHour") <= 12,
          "a weekday morning: " + morning);

      // Each debtor's own windows: v-0001 (index 0) is salaried, v-0005 (index 4) a shopkeeper.
      List<Integer> eveningHours = bestHours(api.get(token, "api/debtors/v-0001/contact-windows"));
      assertTrue(eveningHours.get(0) >= 18 && eveningHours.get(0) <= 20, "salaried v-0001 best at " + eveningHours);
      List<Integer> morningHours = bestHours(api.get(token, "api/debtors/v-0005/contact-windows"));
      assertTrue(morningHours.get(0) >= 9 && morningHours.get(0) <= 11, "shopkeeper v-0005 best at " + morningHours);
      // On a Saturday the salaried are home by day: the segment's Saturdays lift v-0001's morning far above a Tuesday's.
      double saturday = api.get(token, "api/debtors/v-0001/contact-windows?weekday=6").getJsonArray("hours").getJsonObject(10)
          .getDouble("posteriorMean");
      double tuesday = api.get(token, "api/debtors/v-0001/contact-windows?weekday=2").getJsonArray("hours").getJsonObject(10)
          .getDouble("posteriorMean");
      assertTrue(saturday > tuesday + 0.15, "v-0001 at 10:00, Saturday " + saturday + " vs Tuesday " + tuesday);
    }
  }

  static List<Integer> bestHours(JsonObject windows) {
    List<Integer> hours = new ArrayList<>();
    windows.getJsonArray("bestHours").forEach(h -> hours.add(((JsonObject) h).getInteger("hour")));
    return hours;
  }
}
