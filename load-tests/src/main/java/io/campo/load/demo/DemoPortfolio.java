package io.campo.load.demo;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The demo's portfolio: one debtor per visit of the day ({@link DemoDayRequest}), with the
 * visit's id as the debtor's external id and its place as the debtor's home address (a 75 m
 * geofence, the default), a Spanish name, and one debt in pesos whose balance is a few of the
 * instalments the visit is planned to collect, and a segment that says when the debtor is at
 * home ({@link #segment}). Due dates are spread so the portfolio falls into
 * every aging bucket (current, 1–30, 31–60, 61–90 and 90+ days past due). The rows are the JSON
 * body of {@code POST /api/debtors/import}, which upserts by external id, so the demo imports
 * them on every start and a re-run changes nothing but the due dates' distance to today.
 *
 * <p>The same seed gives the same debtors. Immutable.
 */
public final class DemoPortfolio {

  private static final List<String> GIVEN_NAMES = List.of("María", "José", "Guadalupe", "Juan", "Rosa", "Luis", "Margarita",
      "Jesús", "Leticia", "Miguel", "Araceli", "Pedro", "Norma", "Ramón", "Silvia", "Alfredo", "Yolanda", "Armando", "Martha",
      "Salvador", "Josefina", "Ignacio", "Gloria", "Rubén", "Alicia", "Hugo", "Esperanza", "Javier", "Lourdes", "Tomás");
  private static final List<String> SURNAMES = List.of("Hernández", "García", "Martínez", "López", "González", "Pérez",
      "Rodríguez", "Sánchez", "Ramírez", "Cruz", "Flores", "Gómez", "Morales", "Vázquez", "Reyes", "Jiménez", "Torres",
      "Díaz", "Gutiérrez", "Ruiz", "Mendoza", "Aguilar", "Ortiz", "Moreno", "Castillo", "Romero", "Álvarez", "Méndez",
      "Chávez", "Rivera", "Juárez", "Ramos", "Domínguez", "Herrera", "Medina", "Castro", "Vargas", "Guzmán", "Velázquez");
  private static final List<String> PRODUCTS = List.of("préstamo personal", "crédito grupal", "tarjeta de crédito",
      "crédito de nómina", "motocicleta a plazos", "línea blanca a plazos");
  private static final List<String> STREETS = List.of("Calle Reforma", "Av. Juárez", "Calle Madero", "Calle Hidalgo",
      "Calle Morelos", "Av. Insurgentes", "Calle Allende", "Calle Guerrero", "Calle Zaragoza", "Calle Aldama");

  /** Segment of debtors at work on weekdays: found in the evening and on Saturdays ({@link DemoHistory}). */
  public static final String SALARIED = "asalariado";
  /** Segment of debtors who keep a shop: found on weekday mornings. */
  public static final String SHOPKEEPER = "comerciante";
  /** Everyone else: found about as often at any hour. */
  public static final String GENERAL = "general";

  /** One debtor of the portfolio: what a visit to it can collect. */
  public record Debtor(String externalId, String name, BigDecimal instalment, BigDecimal balance) {}

  private final JsonArray rows = new JsonArray();
  private final Map<String, Debtor> byId = new HashMap<>();

  /**
   * @param visits the {@code visits} of a {@link DemoDayRequest}: {@code id}, {@code lat},
   *     {@code lon}, {@code value} (the instalment, centavos)
   * @param today the day the due dates count back from
   */
  public DemoPortfolio(JsonArray visits, LocalDate today, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < visits.size(); i++) {
      JsonObject visit = visits.getJsonObject(i);
      String id = visit.getString("id");
      String name = GIVEN_NAMES.get(random.nextInt(GIVEN_NAMES.size())) + " " + SURNAMES.get(random.nextInt(SURNAMES.size())) + " "
          + SURNAMES.get(random.nextInt(SURNAMES.size()));
      BigDecimal instalment = BigDecimal.valueOf(visit.getLong("value", 100_000L), 2);
      BigDecimal balance = instalment.multiply(BigDecimal.valueOf(2 + random.nextInt(11))).setScale(2, RoundingMode.HALF_UP);
      // Interest and late fees: the balance may be above the principal, or below after some payments.
      BigDecimal principal = balance.multiply(BigDecimal.valueOf(0.7 + random.nextDouble() * 0.5)).setScale(2, RoundingMode.HALF_UP);
      rows.add(new JsonObject()
          .put("id", id)
          .put("name", name)
          .put("phone", "55" + (10_000_000 + random.nextInt(90_000_000)))
          .put("segment", segment(i))
          .put("contract", "CT-" + id)
          .put("product", PRODUCTS.get(random.nextInt(PRODUCTS.size())))
          .put("currency", "MXN")
          .put("principal", principal.toPlainString())
          .put("balance", balance.toPlainString())
          .put("due_date", today.minusDays(daysPastDue(random)).toString())
          .put("lat", visit.getDouble("lat"))
          .put("lon", visit.getDouble("lon"))
          .put("address", STREETS.get(random.nextInt(STREETS.size())) + " " + (1 + random.nextInt(400)) + ", Ciudad de México"));
      byId.put(id, new Debtor(id, name, instalment, balance));
    }
  }

  /** 40 % salaried, 30 % shopkeepers, 30 % others, by position (no random draw, so the rest of the portfolio stays as it was). */
  static String segment(int index) {
    int tenth = index % 10;
    return tenth < 4 ? SALARIED : tenth < 7 ? SHOPKEEPER : GENERAL;
  }

  /** Days past due: about 15 % current (not yet due), then 1–30, 31–60, 61–90 and 90+ in falling shares. */
  static long daysPastDue(SplittableRandom random) {
    double draw = random.nextDouble();
    if (draw < 0.15) {
      return -random.nextInt(0, 20); // due in the coming weeks
    } else if (draw < 0.45) {
      return random.nextInt(1, 31);
    } else if (draw < 0.65) {
      return random.nextInt(31, 61);
    } else if (draw < 0.80) {
      return random.nextInt(61, 91);
    }
    return random.nextInt(91, 541);
  }

  /** The body of {@code POST /api/debtors/import}. */
  public JsonArray importRows() {
    return rows.copy();
  }

  /**
   * The body of {@code POST /api/debtors/import} with each debtor's team, split as the agents are ({@link DemoTeams#teamOf}):
   * the demo's dispatcher belongs to both teams, so each row must name one.
   */
  public JsonArray importRowsInTeams() {
    JsonArray inTeams = new JsonArray();
    for (int i = 0; i < rows.size(); i++) {
      inTeams.add(rows.getJsonObject(i).copy().put("team", DemoTeams.teamOf(i, rows.size())));
    }
    return inTeams;
  }

  public Debtor debtor(String externalId) {
    return byId.get(externalId);
  }

  public int size() {
    return rows.size();
  }
}
