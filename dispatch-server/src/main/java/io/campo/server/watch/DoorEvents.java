package io.campo.server.watch;

import io.campo.server.live.LiveEvents;
import io.campo.server.visit.AddressGeofences;
import io.campo.tracking.geofence.Geofence;
import io.campo.tracking.geofence.GeofenceIndex;
import io.campo.tracking.geofence.GeofencePresence;
import io.campo.tracking.geofence.GeofencePresence.Transition;
import io.campo.tracking.telemetry.Fix;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Arrivals at and departures from debtors' doors, computed at ingest: each fix that moved its agent forward is checked
 * against every active address's geofence ({@link GeofencePresence}, in memory, never blocking); the crossings go to a
 * worker thread, in batches, which records each in {@code geofence_event} and then tells the live map. A crossing is
 * recorded and shown once: a fix sent again moves nobody forward, the table's key refuses a duplicate, and
 * {@link DoorStays} keeps each stay at a door to one arrival and one departure whichever nodes saw it (after a
 * reconnection to another node, that node's first fix at the door is not a new arrival). A crossing may be lost if the
 * server stops before its batch is written; the track that proves it is stored anyway.
 *
 * <p>The geofences are read from {@code address} at start and every {@link #RELOAD_INTERVAL} (an imported portfolio
 * reaches the check within it).
 *
 * <p>Thread-safe.
 */
public final class DoorEvents {

  private static final Logger log = LoggerFactory.getLogger(DoorEvents.class);

  /** How often the geofences are read again from the portfolio. */
  public static final Duration RELOAD_INTERVAL = Duration.ofMinutes(2);
  private static final int MAX_BATCH = 1000;
  /**
   * How long crossings gather before a worker stores them: each store is a commit (an fsync), and at a full ingest rate
   * a crossing comes every few fixes, so storing each at once costs the ingest its disk and cores. The live map hears
   * of a crossing this much later.
   */
  static final long GATHER_MILLIS = 50;

  /** A door: an address of a debtor. */
  record Door(long addressId, long debtorId, String externalId, String name) {}

  private final Vertx vertx;
  private final DataSource dataSource;
  private final GeofencePresence presence;
  private volatile Map<Long, Door> doors = Map.of();
  private final ConcurrentLinkedQueue<Transition> unstored = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean storing = new AtomicBoolean();
  // What the check costs the ingest thread, for the benchmark's report (a few ns per publish to keep).
  private final LongAdder evaluatedFixes = new LongAdder();
  private final LongAdder evaluationNanos = new LongAdder();

  public DoorEvents(Vertx vertx, DataSource dataSource, double exitMarginMeters) {
    this.vertx = vertx;
    this.dataSource = dataSource;
    this.presence = new GeofencePresence(exitMarginMeters);
  }

  /** Reads every active address's geofence and swaps them in. Blocking (JDBC). */
  public int reload() throws SQLException {
    List<Geofence> fences = new ArrayList<>();
    Map<Long, Door> byAddress = new HashMap<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT a.id, a.lat, a.lon, a.radius_m, a.polygon::text, d.id, d.external_id, d.name"
            + " FROM address a JOIN debtor d ON d.id = a.debtor_id WHERE a.active")) {
      ps.setFetchSize(10_000);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long addressId = rs.getLong(1);
          try {
            fences.add(AddressGeofences.of(addressId, rs.getDouble(2), rs.getDouble(3), rs.getDouble(4), rs.getString(5)));
            byAddress.put(addressId, new Door(addressId, rs.getLong(6), rs.getString(7), rs.getString(8)));
          } catch (RuntimeException e) {
            // One badly drawn polygon must not blind the check to every other door.
            log.warn("address {} of debtor {}: its geofence cannot be used for arrivals: {}", addressId, rs.getString(7), e.toString());
          }
        }
      }
    }
    GeofenceIndex index = GeofenceIndex.build(fences);
    doors = byAddress;
    presence.use(index);
    return index.size();
  }

  /**
   * On the ingest thread, with the fixes of one publish that moved their agent forward (in device-time order): publishes
   * each crossing and stores it in the background.
   */
  public void onFixes(List<Fix> moved) {
    long started = System.nanoTime();
    try {
      evaluate(moved);
    } finally {
      evaluatedFixes.add(moved.size());
      evaluationNanos.add(System.nanoTime() - started);
    }
  }

  private void evaluate(List<Fix> moved) {
    List<Transition> crossings = null;
    for (Fix fix : moved) {
      List<Transition> t = presence.observe(fix.agentId(), fix.deviceTimeMillis(), fix.lat(), fix.lon(), fix.accuracyMeters());
      if (!t.isEmpty()) {
        if (crossings == null) {
          crossings = new ArrayList<>(t);
        } else {
          crossings.addAll(t);
        }
      }
    }
    if (crossings == null) {
      return;
    }
    // Shown once recorded: only the database knows whether another node already saw this stay begin or end.
    unstored.addAll(crossings);
    if (storing.compareAndSet(false, true)) {
      vertx.setTimer(GATHER_MILLIS, id -> storeInBackground());
    }
  }

  private void storeInBackground() {
    vertx.executeBlocking(this::storeQueued, false)
        .onFailure(e -> log.error("arrival/departure events could not be stored: {}", e.toString()));
  }

  /**
   * One worker drains what queued up meanwhile in one batch: under a heavy ingest the crossings of many publishes share a
   * statement and a commit instead of taking a worker thread and a connection each.
   */
  private Void storeQueued() throws SQLException {
    try {
      while (!unstored.isEmpty()) {
        List<Transition> batch = new ArrayList<>();
        for (Transition t; batch.size() < MAX_BATCH && (t = unstored.poll()) != null; ) {
          batch.add(t);
        }
        Map<Long, Door> known = doors;
        for (Transition t : store(batch, known)) {
          vertx.eventBus().publish(LiveEvents.WATCH, liveEvent(t, known.get(t.geofenceId())));
        }
      }
      return null;
    } finally {
      storing.set(false);
      // A crossing queued after the loop's last look but before the flag was lowered: its publisher saw the flag raised.
      if (!unstored.isEmpty() && storing.compareAndSet(false, true)) {
        vertx.setTimer(GATHER_MILLIS, id -> storeInBackground());
      }
    }
  }

  static JsonObject liveEvent(Transition t, Door door) {
    JsonObject event = new JsonObject()
        .put("agentId", t.agentId())
        .put("kind", t.kind() == GeofencePresence.Kind.ARRIVAL ? "arrival" : "departure")
        .put("at", Instant.ofEpochMilli(t.deviceTimeMillis()).toString())
        .put("lat", t.lat())
        .put("lon", t.lon())
        .put("addressId", t.geofenceId());
    if (door != null) {
      event.put("debtor", new JsonObject().put("externalId", door.externalId()).put("name", door.name()));
    }
    return new JsonObject()
        .put("type", t.kind() == GeofencePresence.Kind.ARRIVAL ? "geofence.arrival" : "geofence.departure")
        .put("agents", new JsonArray().add(t.agentId()))
        .put("event", event);
  }

  /** Records the crossings that begin or end a stay (in one transaction); returns those recorded, in order. */
  private List<Transition> store(List<Transition> crossings, Map<Long, Door> known) throws SQLException {
    List<Long> debtorIds = new ArrayList<>(crossings.size());
    for (Transition t : crossings) {
      Door door = known.get(t.geofenceId());
      debtorIds.add(door == null ? null : door.debtorId());
    }
    List<Transition> recorded = new ArrayList<>();
    try (Connection c = dataSource.getConnection()) {
      for (int i : DoorStays.record(c, crossings, debtorIds)) {
        recorded.add(crossings.get(i));
      }
    }
    return recorded;
  }

  /** Mean time the ingest thread spent per fix in {@link #onFixes} (checks, live events, queueing), in nanoseconds. */
  public double nanosPerFix() {
    long fixes = evaluatedFixes.sum();
    return fixes == 0 ? Double.NaN : evaluationNanos.sum() / (double) fixes;
  }

  /** The geofences checked now. */
  public int geofences() {
    return presence.index().size();
  }
}
