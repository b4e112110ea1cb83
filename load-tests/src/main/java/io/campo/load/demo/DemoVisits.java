package io.campo.load.demo;

import io.campo.load.fleet.AgentCredentials;
import io.campo.load.fleet.DoorVisit;
import io.campo.load.fleet.DoorVisitListener;
import io.campo.load.fleet.LatLon;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo phones' visit reports: when an agent leaves a door of its plan, its phone logs in
 * ({@code POST /api/auth/device} with its device token, once, again when the token expires) and
 * submits the visit ({@code POST /api/visits}): the debtor (the plan's visit id is the debtor's
 * external id), the check-in taken on arrival, the check-out on leaving, and an outcome drawn
 * from a collection agency's usual mix ({@link #outcome}).
 *
 * <p>Each visit's {@code Idempotency-Key} is {@code plan-{planId}-{visitId}}, and its body is
 * built once: a submission that fails on the network is retried with the same key and body, so a
 * retry can never make a second visit. A few agents are "lazy" ({@link #lazyAgents}): they check
 * in 200–400 m from the door, which the server must reject with {@code
 * check_in_outside_geofence}.
 *
 * <p>The console gets a line every {@code printEvery} visits with the running tally. HTTP runs on
 * this class's own threads, never on the fleet's. Thread-safe.
 */
public final class DemoVisits implements DoorVisitListener, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(DemoVisits.class);

  /** One agent in this many is lazy. */
  static final int LAZY_EVERY = 15;
  static final double LAZY_MIN_METRES = 200;
  static final double LAZY_MAX_METRES = 400;
  private static final int ATTEMPTS = 5;
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  /** What became of the submitted visits so far. */
  public record Tally(int valid, int rejected, int failed, Map<String, Integer> reasons) {
    public int submitted() {
      return valid + rejected;
    }
  }

  private final URI base;
  private final Map<String, String> deviceTokens;
  private final Set<String> lazy;
  private final DemoPortfolio portfolio;
  private final ZoneId zone;
  private final long seed;
  private final PrintStream out;
  private final int printEvery;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  private final Map<String, String> jwts = new ConcurrentHashMap<>();
  private final ExecutorService senders = Executors.newFixedThreadPool(2, r -> {
    Thread t = new Thread(r, "campo-demo-visits");
    t.setDaemon(true);
    return t;
  });
  private int valid;
  private int rejected;
  private int failed;
  private final Map<String, Integer> reasons = new TreeMap<>();

  /**
   * @param lazy the agents that check in away from the door ({@link #lazyAgents})
   * @param zone where a promise's date is counted
   * @param printEvery a console line every this many visits
   */
  public DemoVisits(URI base, List<AgentCredentials> agents, Set<String> lazy, DemoPortfolio portfolio, ZoneId zone, long seed,
      PrintStream out, int printEvery) {
    this.base = base;
    this.deviceTokens = agents.stream().collect(Collectors.toMap(AgentCredentials::agentId, AgentCredentials::deviceToken));
    this.lazy = Set.copyOf(lazy);
    this.portfolio = portfolio;
    this.zone = zone;
    this.seed = seed;
    this.out = out;
    this.printEvery = Math.max(1, printEvery);
  }

  /** About one agent in {@value #LAZY_EVERY}: the 15th, 30th, 45th… of the list. */
  public static Set<String> lazyAgents(List<String> agentIds) {
    Set<String> lazy = new java.util.TreeSet<>();
    for (int i = LAZY_EVERY - 1; i < agentIds.size(); i += LAZY_EVERY) {
      lazy.add(agentIds.get(i));
    }
    return lazy;
  }

  public static String idempotencyKey(DoorVisit visit) {
    return "plan-" + visit.planId() + "-" + visit.visitId();
  }

  @Override
  public void finished(DoorVisit visit) {
    try {
      senders.execute(() -> submit(visit));
    } catch (java.util.concurrent.RejectedExecutionException closing) {
      // The demo is stopping.
    }
  }

  /** The body of {@code POST /api/visits} for {@code visit}; the same visit always gives the same body. */
  public JsonObject body(DoorVisit visit) {
    String key = idempotencyKey(visit);
    SplittableRandom random = new SplittableRandom(seed ^ (visit.agentId() + "/" + key).hashCode());
    LatLon at = new LatLon(visit.lat(), visit.lon());
    if (lazy.contains(visit.agentId())) {
      double metres = LAZY_MIN_METRES + random.nextDouble() * (LAZY_MAX_METRES - LAZY_MIN_METRES);
      double bearing = random.nextDouble() * 2 * Math.PI;
      at = at.offset(metres * Math.cos(bearing), metres * Math.sin(bearing));
    }
    LocalDate day = Instant.ofEpochMilli(visit.checkInMillis()).atZone(zone).toLocalDate();
    return new JsonObject()
        .put("debtor", visit.visitId())
        .put("planId", visit.planId())
        .put("checkIn", new JsonObject().put("at", Instant.ofEpochMilli(visit.checkInMillis()).toString())
            .put("lat", at.lat()).put("lon", at.lon()).put("accuracy", Math.round(visit.accuracyMetres() * 10) / 10.0))
        .put("checkOutAt", Instant.ofEpochMilli(visit.checkOutMillis()).toString())
        .put("outcome", outcome(random, portfolio.debtor(visit.visitId()), day, "R-" + visit.agentId() + "-" + visit.visitId()));
  }

  /**
   * The outcome of a visit: 35 % a promise to pay the instalment within two weeks, 20 % paid
   * (the instalment, or the whole balance when it is smaller, with a receipt number), 30 % nobody
   * home, 10 % refused, 5 % wrong address.
   */
  static JsonObject outcome(SplittableRandom random, DemoPortfolio.Debtor debtor, LocalDate day, String receipt) {
    double draw = random.nextDouble();
    BigDecimal instalment = debtor == null ? new BigDecimal("500.00")
        : debtor.instalment().min(debtor.balance()).setScale(2, RoundingMode.HALF_UP);
    if (draw < 0.35) {
      return new JsonObject().put("type", "PROMISE").put("date", day.plusDays(1 + random.nextInt(14)).toString())
          .put("amount", instalment.toPlainString()).put("currency", "MXN");
    } else if (draw < 0.55) {
      return new JsonObject().put("type", "PAID").put("amount", instalment.toPlainString()).put("currency", "MXN")
          .put("receipt", receipt);
    } else if (draw < 0.85) {
      return new JsonObject().put("type", "NO_CONTACT");
    } else if (draw < 0.95) {
      return new JsonObject().put("type", "REFUSED");
    }
    return new JsonObject().put("type", "WRONG_ADDRESS");
  }

  /** Submits the visit, retrying network failures with the same key; the stored visit, or null when it was not stored. */
  JsonObject submit(DoorVisit visit) {
    String key = idempotencyKey(visit);
    String body = body(visit).encode();
    long backoffMillis = 500;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        HttpResponse<String> response = post(visit.agentId(), key, body);
        if (response.statusCode() == 401) {
          jwts.remove(visit.agentId());
          response = post(visit.agentId(), key, body);
        }
        if (response.statusCode() == 200 || response.statusCode() == 201) {
          JsonObject stored = new JsonObject(response.body());
          count(visit, stored);
          return stored;
        }
        if (response.statusCode() < 500) {
          // A refusal (400, 409, 422…) will not change on retry.
          log.warn("visit {} of {} refused: {} {}", key, visit.agentId(), response.statusCode(), response.body());
          countFailed();
          return null;
        }
        log.debug("visit {} of {}: {} (attempt {})", key, visit.agentId(), response.statusCode(), attempt);
      } catch (IOException | DecodeException e) {
        log.debug("visit {} of {}: {} (attempt {})", key, visit.agentId(), e.toString(), attempt);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
      try {
        Thread.sleep(backoffMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
      backoffMillis = Math.min(8_000, backoffMillis * 2);
    }
    log.warn("visit {} of {} not submitted after {} attempts", key, visit.agentId(), ATTEMPTS);
    countFailed();
    return null;
  }

  private HttpResponse<String> post(String agentId, String key, String body) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(base.resolve("api/visits")).timeout(TIMEOUT)
        .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json")
        .header("Authorization", "Bearer " + jwt(agentId)).header("Idempotency-Key", key).build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** The agent's JWT, from {@code POST /api/auth/device} the first time (and after a 401). */
  private String jwt(String agentId) throws IOException, InterruptedException {
    String known = jwts.get(agentId);
    if (known != null) {
      return known;
    }
    String deviceToken = deviceTokens.get(agentId);
    if (deviceToken == null) {
      throw new IOException("no device token for " + agentId);
    }
    HttpRequest request = HttpRequest.newBuilder(base.resolve("api/auth/device")).timeout(TIMEOUT)
        .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("agentId", agentId).put("deviceToken", deviceToken).encode()))
        .header("Content-Type", "application/json").build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("device login of " + agentId + " answered " + response.statusCode() + ": " + response.body());
    }
    String token = new JsonObject(response.body()).getString("token");
    jwts.put(agentId, token);
    return token;
  }

  private void count(DoorVisit visit, JsonObject stored) {
    String status = stored.getString("status", "?");
    String why = "";
    Tally now;
    synchronized (this) {
      if ("VALID".equals(status)) {
        valid++;
      } else {
        rejected++;
        JsonObject validation = stored.getJsonObject("validation", new JsonObject());
        List<String> codes = validation.getJsonArray("failures", new io.vertx.core.json.JsonArray()).stream()
            .map(f -> ((JsonObject) f).getString("reason")).toList();
        codes.forEach(c -> reasons.merge(c, 1, Integer::sum));
        why = " " + codes + String.format(" (check-in %.0f m outside the geofence)", validation.getDouble("checkInDistanceMeters", 0.0));
      }
      now = tally();
    }
    if (now.submitted() % printEvery == 0 || (!why.isEmpty() && now.rejected() <= 3)) {
      out.printf("  visits    : %d submitted: %d valid, %d rejected %s; latest #%d %s at %s %s → %s%s%n", now.submitted(), now.valid(),
          now.rejected(), now.reasons().isEmpty() ? "" : now.reasons().toString(), stored.getLong("id", 0L), visit.agentId(),
          visit.visitId(), stored.getJsonObject("outcome", new JsonObject()).getString("type", "?"), status, why);
    }
  }

  private synchronized void countFailed() {
    failed++;
  }

  public synchronized Tally tally() {
    return new Tally(valid, rejected, failed, Map.copyOf(reasons));
  }

  /** Waits for the submissions under way (at most 5 s), then stops. */
  @Override
  public void close() {
    senders.shutdown();
    try {
      senders.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    senders.shutdownNow();
  }
}
