package io.campo.server.planning;

import io.campo.routing.api.Agent;
import io.campo.routing.api.AgentBreak;
import io.campo.routing.api.Coordinate;
import io.campo.routing.api.PlanRequest;
import io.campo.routing.api.TimeWindow;
import io.campo.routing.api.TravelProfile;
import io.campo.routing.api.UnknownProfileException;
import io.campo.routing.api.Visit;
import io.campo.server.api.ApiException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the JSON body of {@code POST /api/plans} into a {@link PlanRequest}. Shape errors are
 * collected, each naming its item ("visits[3] (id 'v-17'): …"), and answered together as one
 * 400; rules about the content (duplicate ids, shifts ending before they start…) are the
 * planner's own validation. Times are "HH:mm" on the plan's date in the agency's time zone, or
 * ISO-8601 instants with an offset.
 */
final class PlanRequestReader {

  static final int MAX_TIME_LIMIT_SECONDS = 600;
  static final int DEFAULT_TIME_LIMIT_SECONDS = 10;
  static final double MAX_SNAP_METERS = 500;
  private static final int MAX_REPORTED_PROBLEMS = 25;

  private final ZoneId zone;
  private final List<String> problems = new ArrayList<>();
  private LocalDate date;

  PlanRequestReader(ZoneId zone) {
    this.zone = zone;
  }

  PlanRequest read(JsonObject body) {
    date = date(body);
    int limit = integer(body, "timeLimitSeconds", "request", DEFAULT_TIME_LIMIT_SECONDS, 1, MAX_TIME_LIMIT_SECONDS);
    long seed = integer(body, "seed", "request", 1, 0, Integer.MAX_VALUE);
    List<Agent> agents = new ArrayList<>();
    JsonArray agentsJson = array(body, "agents", "request");
    for (int i = 0; agentsJson != null && i < agentsJson.size(); i++) {
      agent(agentsJson.getValue(i), "agents[" + i + "]").ifPresent(agents::add);
    }
    List<Visit> visits = new ArrayList<>();
    // With a "portfolio" selection the visits come from the database, so listing some is optional.
    JsonArray visitsJson = body.containsKey("portfolio") && !body.containsKey("visits") ? null : array(body, "visits", "request");
    for (int i = 0; visitsJson != null && i < visitsJson.size(); i++) {
      visit(visitsJson.getValue(i), "visits[" + i + "]").ifPresent(visits::add);
    }
    if (!problems.isEmpty()) {
      List<String> shown = problems.size() > MAX_REPORTED_PROBLEMS ? problems.subList(0, MAX_REPORTED_PROBLEMS) : problems;
      throw ApiException.badRequest(String.join("; ", shown)
          + (problems.size() > shown.size() ? "; and " + (problems.size() - shown.size()) + " more" : ""));
    }
    return new PlanRequest(date, agents, visits, seed, Duration.ofSeconds(limit), MAX_SNAP_METERS);
  }

  private LocalDate date(JsonObject body) {
    Object v = body.getValue("date");
    if (v instanceof String s) {
      try {
        return LocalDate.parse(s);
      } catch (DateTimeParseException e) {
        problems.add("request: 'date' must be a day like 2026-11-24, got '" + s + "'");
        return LocalDate.now(zone);
      }
    }
    problems.add("request: 'date' is required (a day like 2026-11-24)");
    return LocalDate.now(zone);
  }

  private Optional<Agent> agent(Object value, String where) {
    if (!(value instanceof JsonObject o)) {
      problems.add(where + ": must be an object");
      return Optional.empty();
    }
    String id = string(o, "id", where, true);
    String at = id == null ? where : where + " (id '" + id + "')";
    TravelProfile profile = null;
    String profileName = string(o, "profile", at, false);
    try {
      profile = TravelProfile.fromName(profileName == null ? "car" : profileName);
    } catch (UnknownProfileException e) {
      problems.add(at + ": " + e.getMessage());
    }
    Instant shiftStart = time(o, "shiftStart", at, true);
    Instant shiftEnd = time(o, "shiftEnd", at, true);
    Coordinate start = coordinate(o.getValue("start"), at + ".start", true);
    Coordinate end = coordinate(o.getValue("end"), at + ".end", false);
    AgentBreak lunch = null;
    if (o.getValue("break") instanceof JsonObject b) {
      Instant earliest = time(b, "earliest", at + ".break", true);
      Instant latest = time(b, "latest", at + ".break", true);
      int minutes = integer(b, "minutes", at + ".break", 30, 1, 240);
      if (earliest != null && latest != null) {
        lunch = new AgentBreak(earliest, latest, Duration.ofMinutes(minutes));
      }
    } else if (o.containsKey("break") && o.getValue("break") != null) {
      problems.add(at + ": 'break' must be an object {\"earliest\": \"13:00\", \"latest\": \"14:00\", \"minutes\": 45}");
    }
    int maxVisits = integer(o, "maxVisits", at, 1000, 1, 10_000);
    Set<String> skills = strings(o, "skills", at);
    if (id == null || profile == null || shiftStart == null || shiftEnd == null || start == null) {
      return Optional.empty();
    }
    return Optional.of(new Agent(id, profile, shiftStart, shiftEnd, start, Optional.ofNullable(end), Optional.ofNullable(lunch),
        maxVisits, skills));
  }

  private Optional<Visit> visit(Object value, String where) {
    if (!(value instanceof JsonObject o)) {
      problems.add(where + ": must be an object");
      return Optional.empty();
    }
    String id = string(o, "id", where, true);
    String at = id == null ? where : where + " (id '" + id + "')";
    Coordinate location = coordinate(o, at, true);
    int serviceMinutes = integer(o, "serviceMinutes", at, 10, 0, 600);
    List<TimeWindow> windows = new ArrayList<>();
    if (o.getValue("windows") instanceof JsonArray ws) {
      for (int i = 0; i < ws.size(); i++) {
        if (ws.getValue(i) instanceof JsonObject w) {
          Instant s = time(w, "start", at + ".windows[" + i + "]", true);
          Instant e = time(w, "end", at + ".windows[" + i + "]", true);
          if (s != null && e != null) {
            windows.add(new TimeWindow(s, e));
          }
        } else {
          problems.add(at + ".windows[" + i + "]: must be an object {\"start\": \"09:00\", \"end\": \"12:00\"}");
        }
      }
    } else if (o.getValue("windows") != null) {
      problems.add(at + ": 'windows' must be an array");
    }
    long value2 = integer(o, "value", at, 1, 0, Integer.MAX_VALUE);
    Set<String> skills = strings(o, "skills", at);
    boolean mustVisit = Boolean.TRUE.equals(o.getValue("mustVisit"));
    if (id == null || location == null) {
      return Optional.empty();
    }
    return Optional.of(new Visit(id, location, Duration.ofMinutes(serviceMinutes), windows, value2, skills, mustVisit));
  }

  private Coordinate coordinate(Object value, String at, boolean required) {
    if (value == null) {
      if (required) {
        problems.add(at + ": coordinates are required: {\"lat\": 19.43, \"lon\": -99.13}");
      }
      return null;
    }
    if (!(value instanceof JsonObject o) || !(o.getValue("lat") instanceof Number lat) || !(o.getValue("lon") instanceof Number lon)) {
      problems.add(at + ": coordinates must be {\"lat\": number, \"lon\": number}");
      return null;
    }
    if (!(lat.doubleValue() >= -90 && lat.doubleValue() <= 90 && lon.doubleValue() >= -180 && lon.doubleValue() <= 180)) {
      problems.add(at + ": lat " + lat + ", lon " + lon + " is not a position on Earth");
      return null;
    }
    return new Coordinate(lat.doubleValue(), lon.doubleValue());
  }

  private Instant time(JsonObject o, String name, String at, boolean required) {
    Object v = o.getValue(name);
    if (v == null) {
      if (required) {
        problems.add(at + ": '" + name + "' is required (\"08:00\" or an ISO-8601 instant)");
      }
      return null;
    }
    if (v instanceof String s) {
      try {
        return s.length() <= 5 ? date.atTime(LocalTime.parse(s)).atZone(zone).toInstant() : OffsetDateTime.parse(s).toInstant();
      } catch (DateTimeParseException e) {
        // reported below
      }
    }
    problems.add(at + ": '" + name + "' must be a local time like \"08:00\" or an ISO-8601 instant, got '" + v + "'");
    return null;
  }

  private String string(JsonObject o, String name, String at, boolean required) {
    Object v = o.getValue(name);
    if (v instanceof String s && !s.isBlank()) {
      return s;
    }
    if (v != null || required) {
      problems.add(at + ": '" + name + "' must be a non-empty string");
    }
    return null;
  }

  private int integer(JsonObject o, String name, String at, int fallback, int min, int max) {
    Object v = o.getValue(name);
    if (v == null) {
      return fallback;
    }
    if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && n.doubleValue() >= min && n.doubleValue() <= max) {
      return n.intValue();
    }
    problems.add(at + ": '" + name + "' must be a whole number from " + min + " to " + max + ", got " + v);
    return fallback;
  }

  private Set<String> strings(JsonObject o, String name, String at) {
    Object v = o.getValue(name);
    Set<String> out = new HashSet<>();
    if (v == null) {
      return out;
    }
    if (v instanceof JsonArray a && a.stream().allMatch(x -> x instanceof String)) {
      a.forEach(x -> out.add((String) x));
      return out;
    }
    problems.add(at + ": '" + name + "' must be an array of strings");
    return out;
  }

  private JsonArray array(JsonObject o, String name, String at) {
    Object v = o.getValue(name);
    if (v instanceof JsonArray a) {
      return a;
    }
    problems.add(at + ": '" + name + "' must be an array");
    return null;
  }
}
