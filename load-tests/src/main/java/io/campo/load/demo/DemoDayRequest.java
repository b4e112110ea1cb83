package io.campo.load.demo;

import io.campo.load.fleet.LatLon;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The body of {@code POST /api/plans} for the demo's day: the agents' shifts, starting at a
 * given moment (the demo uses "now", so the fleet moves at once), and about {@value
 * #VISITS_PER_AGENT} debtor visits per agent spread over the demo city. The same seed and agents
 * give the same visits and homes; only the clock moves.
 *
 * <p>What makes it look like a collection agency's day: debtors cluster in a few neighbourhoods;
 * they can be found in the morning, the afternoon, the evening (after work), either end of the
 * day, or any time; instalments owed range from a few hundred to some thousands of pesos; a few
 * visits serve a legal notice that only some agents are accredited for, and a few are promised
 * appointments that must be kept. Agents ride motorbikes, drive, or walk, start from home near
 * the centre, take a lunch break, and go home at the end.
 */
public final class DemoDayRequest {

  static final int VISITS_PER_AGENT = 20;
  public static final Duration SHIFT = Duration.ofHours(9);
  /** Agents live this close to the centre, so the fleet starts where the map opens. */
  static final double HOME_RADIUS_METRES = 1_500;
  static final String LEGAL_SKILL = "notificacion-legal";

  private static final int NEIGHBOURHOODS = 12;
  private static final double NEIGHBOURHOOD_SPREAD_METRES = 500;
  private static final double CLUSTERED_SHARE = 0.65;
  private static final int LEGAL_AGENT_EVERY = 10;
  private static final double LEGAL_VISIT_SHARE = 0.04;
  private static final double MUST_VISIT_SHARE = 0.02;
  private static final double MEDIAN_INSTALMENT_PESOS = 1_200;

  private final DemoCityArea city;
  private final long seed;
  private final int timeLimitSeconds;

  /**
   * @param seed makes the visits, homes and profiles repeatable; also the solver's seed
   * @param timeLimitSeconds how long the solver may search
   */
  public DemoDayRequest(DemoCityArea city, long seed, int timeLimitSeconds) {
    this.city = city;
    this.seed = seed;
    this.timeLimitSeconds = timeLimitSeconds;
  }

  /** The request for {@code agentIds}, whose shifts start at {@code shiftStart} (its zone gives the plan's date). */
  public JsonObject forAgents(List<String> agentIds, ZonedDateTime shiftStart) {
    SplittableRandom random = new SplittableRandom(seed);
    ZonedDateTime start = shiftStart.withNano(0);
    return new JsonObject()
        .put("date", start.toLocalDate().toString())
        .put("timeLimitSeconds", timeLimitSeconds)
        .put("seed", seed)
        .put("agents", agents(agentIds, start, random.split()))
        .put("visits", visits(agentIds.size() * VISITS_PER_AGENT, start, random.split()));
  }

  /**
   * The same day with its visits drawn from the imported portfolio instead of listed: the server
   * then values them and gives them the windows learned from each debtor's visit history (the
   * listed visits' made-up windows, legal notices and appointments are left out).
   */
  public static JsonObject drawnFromPortfolio(JsonObject day) {
    JsonObject request = day.copy();
    JsonArray visits = (JsonArray) request.remove("visits");
    return request.put("portfolio", new JsonObject().put("maxVisits", visits.size()).put("serviceMinutes", 10)
        .put("useContactWindows", true));
  }

  private JsonArray agents(List<String> agentIds, ZonedDateTime start, SplittableRandom random) {
    JsonArray agents = new JsonArray();
    for (int i = 0; i < agentIds.size(); i++) {
      // Uniform over the disc: the square root spreads homes evenly rather than bunching them at the centre.
      double r = HOME_RADIUS_METRES * Math.sqrt(random.nextDouble());
      double angle = random.nextDouble() * 2 * Math.PI;
      JsonObject home = place(city.inside(r * Math.cos(angle), r * Math.sin(angle)));
      double mode = random.nextDouble();
      String profile = mode < 0.55 ? "motorcycle" : mode < 0.85 ? "car" : "foot";
      JsonObject agent = new JsonObject()
          .put("id", agentIds.get(i))
          .put("profile", profile)
          .put("shiftStart", time(start))
          .put("shiftEnd", time(start.plus(SHIFT)))
          .put("start", home)
          .put("end", home)
          .put("break", new JsonObject()
              .put("earliest", time(start.plusMinutes(210)))
              .put("latest", time(start.plusMinutes(300)))
              .put("minutes", 45))
          // Without a cap the solver, which also minimises travel, gives the day to fewer agents and leaves the rest
          // at home (a measured run: 1,000 visits on 36 of 50 routes); an agency shares the work out.
          .put("maxVisits", VISITS_PER_AGENT);
      if (i % LEGAL_AGENT_EVERY == 0) {
        agent.put("skills", new JsonArray().add(LEGAL_SKILL));
      }
      agents.add(agent);
    }
    return agents;
  }

  private JsonArray visits(int count, ZonedDateTime start, SplittableRandom random) {
    double reach = city.reachMetres();
    double[][] neighbourhoods = new double[NEIGHBOURHOODS][];
    for (int i = 0; i < NEIGHBOURHOODS; i++) {
      neighbourhoods[i] = new double[] {random.nextDouble(-reach, reach), random.nextDouble(-reach, reach)};
    }
    JsonArray visits = new JsonArray();
    for (int i = 0; i < count; i++) {
      LatLon at;
      if (random.nextDouble() < CLUSTERED_SHARE) {
        double[] n = neighbourhoods[random.nextInt(NEIGHBOURHOODS)];
        at = city.inside(n[0] + random.nextGaussian() * NEIGHBOURHOOD_SPREAD_METRES,
            n[1] + random.nextGaussian() * NEIGHBOURHOOD_SPREAD_METRES);
      } else {
        at = city.inside(random.nextDouble(-reach, reach), random.nextDouble(-reach, reach));
      }
      // Instalments are skewed: many small, a few large (log-normal around the median).
      long pesos = Math.round(Math.min(20_000, Math.max(200, MEDIAN_INSTALMENT_PESOS * Math.exp(0.8 * random.nextGaussian()))));
      JsonObject visit = new JsonObject()
          .put("id", String.format("v-%04d", i + 1))
          .put("lat", at.lat())
          .put("lon", at.lon())
          .put("serviceMinutes", 5 + random.nextInt(16))
          // Centavos: the planner's value is in minor currency units.
          .put("value", pesos * 100);
      JsonArray windows = windows(start, random.nextDouble());
      if (!windows.isEmpty()) {
        visit.put("windows", windows);
      }
      if (random.nextDouble() < LEGAL_VISIT_SHARE) {
        visit.put("skills", new JsonArray().add(LEGAL_SKILL));
      }
      if (random.nextDouble() < MUST_VISIT_SHARE) {
        visit.put("mustVisit", true);
      }
      visits.add(visit);
    }
    return visits;
  }

  /** When the debtor can be found, relative to the shift: {@code draw} in [0, 1) picks the kind. */
  private static JsonArray windows(ZonedDateTime start, double draw) {
    JsonArray windows = new JsonArray();
    if (draw < 0.30) {
      windows.add(window(start, 0, 240)); // morning
    } else if (draw < 0.55) {
      windows.add(window(start, 210, 420)); // afternoon
    } else if (draw < 0.70) {
      windows.add(window(start, 360, 540)); // evening, after work
    } else if (draw < 0.85) {
      windows.add(window(start, 0, 180)).add(window(start, 390, 540)); // before or after work
    }
    return windows; // otherwise: at home all day
  }

  private static JsonObject window(ZonedDateTime start, int fromMinute, int toMinute) {
    return new JsonObject().put("start", time(start.plusMinutes(fromMinute))).put("end", time(start.plusMinutes(toMinute)));
  }

  private static String time(ZonedDateTime t) {
    return t.toOffsetDateTime().toString();
  }

  private static JsonObject place(LatLon p) {
    return new JsonObject().put("lat", p.lat()).put("lon", p.lon());
  }
}
