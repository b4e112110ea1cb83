package io.campo.load.fleet;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An agent's planned day as its phone receives it, retained, on {@code campo/agents/{id}/plan}
 * (the server's {@code PlanJson.devicePlan}): the stops in order with their times, the break,
 * and the road path from the start through every stop to the end. Instants are UTC.
 *
 * <p>The message carries no stop coordinates; {@link PlannedRouteMover} places the stops on the
 * path by the planned road distance of each leg. Immutable.
 *
 * @param travelMeters the planned road distance of the whole route, the leg to the end included
 * @param geometry the road path, start to end; fewer than 2 points when the agent stays put
 */
public record DevicePlan(String agentId, long planId, Instant departure, Instant finish, double travelMeters,
    List<Stop> stops, Optional<Pause> lunch, List<LatLon> geometry) {

  /**
   * One visit of the day.
   *
   * @param arrival at the door; service may start later (a time window, the break)
   * @param travelMeters road distance of the leg that ends here
   */
  public record Stop(String visitId, Instant arrival, Instant serviceStart, Instant departure, double travelMeters) {}

  /** The agent's break, wherever it happens to be then. */
  public record Pause(Instant start, Instant end) {}

  public DevicePlan {
    stops = List.copyOf(stops);
    geometry = List.copyOf(geometry);
  }

  /** Reads the plan message; throws {@link IllegalArgumentException} naming what is missing or malformed. */
  public static DevicePlan fromJson(byte[] payload) {
    JsonObject o;
    try {
      o = new JsonObject(new String(payload, StandardCharsets.UTF_8));
    } catch (DecodeException e) {
      throw new IllegalArgumentException("a plan message is not a JSON object: " + e.getMessage(), e);
    }
    try {
      List<Stop> stops = new ArrayList<>();
      JsonArray stopsJson = o.getJsonArray("stops", new JsonArray());
      for (int i = 0; i < stopsJson.size(); i++) {
        JsonObject s = stopsJson.getJsonObject(i);
        stops.add(new Stop(s.getString("visitId"), instant(s, "arrival"), instant(s, "serviceStart"), instant(s, "departure"),
            number(s, "travelMeters")));
      }
      Optional<Pause> lunch = Optional.ofNullable(o.getJsonObject("break")).map(b -> new Pause(instant(b, "start"), instant(b, "end")));
      List<LatLon> line = new ArrayList<>();
      JsonObject geometry = o.getJsonObject("geometry");
      if (geometry != null) {
        JsonArray coordinates = geometry.getJsonArray("coordinates", new JsonArray());
        for (int i = 0; i < coordinates.size(); i++) {
          JsonArray lonLat = coordinates.getJsonArray(i);
          // GeoJSON order: longitude first.
          line.add(new LatLon(lonLat.getDouble(1), lonLat.getDouble(0)));
        }
      }
      return new DevicePlan(o.getString("agentId"), o.getLong("planId", 0L), instant(o, "departure"), instant(o, "finish"),
          number(o, "travelMeters"), stops, lunch, line);
    } catch (ClassCastException | NullPointerException | IndexOutOfBoundsException | DateTimeParseException e) {
      throw new IllegalArgumentException("a plan message is malformed: " + e, e);
    }
  }

  private static Instant instant(JsonObject o, String name) {
    String text = o.getString(name);
    if (text == null) {
      throw new IllegalArgumentException("a plan message lacks '" + name + "'");
    }
    return Instant.parse(text);
  }

  private static double number(JsonObject o, String name) {
    Number n = o.getNumber(name);
    return n == null ? 0 : n.doubleValue();
  }
}
