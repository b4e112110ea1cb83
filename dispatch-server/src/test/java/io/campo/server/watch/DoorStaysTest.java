package io.campo.server.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.campo.server.TestServer;
import io.campo.tracking.geofence.GeofencePresence.Kind;
import io.campo.tracking.geofence.GeofencePresence.Transition;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The stay rules of door crossings, on the real database function, batch by batch. */
class DoorStaysTest {

  static final Instant T0 = Instant.parse("2026-12-04T15:00:00Z");
  static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void aStayIsOneArrivalAndOneDepartureWhateverIsRepeated() throws Exception {
    String agent = "stays-1";
    assertEquals(List.of(0), record(arrive(agent, 7, 0)), "the first arrival opens the stay");
    assertEquals(List.of(), record(arrive(agent, 7, 30)), "an arrival into an open stay (another node's) counts nothing");
    assertEquals(List.of(1), record(arrive(agent, 7, 40), arrive(agent, 8, 40)), "the stay at another door is its own");
    // A departure, the next arrival and its departure in one batch: applied in order.
    assertEquals(List.of(0, 1, 2), record(depart(agent, 7, 60), arrive(agent, 7, 120), depart(agent, 7, 180)));
    assertEquals(List.of(), record(depart(agent, 7, 240)), "no stay is open: a second departure counts nothing");
    assertEquals(List.of(), record(depart(agent, 8, 10)), "a departure older than the stay's arrival counts nothing");
    assertEquals(List.of(0), record(depart(agent, 8, 50)));
    assertEquals(6, events(agent), "arrival 7, arrival 8, departure 7, arrival 7, departure 7, departure 8");
  }

  @Test
  void anArrivalLongAfterAStayThatNeverEndedOpensANewOne() throws Exception {
    String agent = "stays-2";
    assertEquals(List.of(0), record(arrive(agent, 9, 0)));
    long lostDeparture = DoorStays.STALE_STAY.toSeconds() + 60;
    assertEquals(List.of(0), record(arrive(agent, 9, lostDeparture)), "the departure was lost: this is a new stay");
    assertEquals(List.of(0), record(depart(agent, 9, lostDeparture + 60)));
  }

  @Test
  void theSameCrossingTwiceIsRecordedOnce() throws Exception {
    String agent = "stays-3";
    Transition arrival = arrive(agent, 11, 0);
    assertEquals(List.of(0, 1), record(arrival, depart(agent, 11, 60)));
    // Sent again (its acknowledgement was lost): the stay it would open is closed by the same departure again, but the
    // events are on record already.
    assertEquals(List.of(), record(arrival, depart(agent, 11, 60)));
    assertEquals(2, events(agent));
    assertEquals(List.of(), record(), "an empty batch");
  }

  private static Transition arrive(String agent, long address, long seconds) {
    return new Transition(agent, address, Kind.ARRIVAL, T0.plus(Duration.ofSeconds(seconds)).toEpochMilli(), 19.43, -99.13);
  }

  private static Transition depart(String agent, long address, long seconds) {
    return new Transition(agent, address, Kind.DEPARTURE, T0.plus(Duration.ofSeconds(seconds)).toEpochMilli(), 19.44, -99.13);
  }

  private static List<Integer> record(Transition... crossings) throws Exception {
    List<Long> debtors = new ArrayList<>();
    Arrays.stream(crossings).forEach(c -> debtors.add(null));
    try (Connection c = server.server.database().dataSource().getConnection()) {
      return DoorStays.record(c, List.of(crossings), debtors);
    }
  }

  private static long events(String agent) {
    return TestServer.count(server.dbUrl, "SELECT count(*) FROM geofence_event WHERE agent_id = '" + agent + "'");
  }
}
