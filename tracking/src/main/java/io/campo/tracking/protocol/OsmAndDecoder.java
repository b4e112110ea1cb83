package io.campo.tracking.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.campo.tracking.telemetry.RejectionReason;
import io.campo.tracking.telemetry.TelemetryLimits;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the OsmAnd protocol as Traccar Client and OsmAnd send it, in both of its forms:
 *
 * <ul>
 *   <li>query or form parameters: {@code id} (or {@code deviceid}), {@code timestamp} (epoch
 *       seconds or milliseconds, ISO-8601, or {@code yyyy-MM-dd HH:mm:ss} in UTC), {@code lat},
 *       {@code lon} (or {@code location=lat,lon}), {@code speed} in KNOTS, {@code bearing} (or
 *       {@code heading}), {@code altitude}, {@code accuracy}, {@code batt} percent, {@code charge};
 *   <li>Traccar Client 9's JSON body: {@code {"location": {"timestamp", "coords": {"latitude",
 *       "longitude", "accuracy", "speed" (m/s), "heading", "altitude"}, "battery": {"level" 0–1,
 *       "is_charging"}, ...}, "device_id"}}, where {@code location} may also be an array (a batch).
 * </ul>
 *
 * <p>Everything becomes Campo's telemetry format, so range checks and their reasons are the
 * telemetry decoder's. Thread-safe and immutable.
 */
public final class OsmAndDecoder {

  private static final JsonFactory JSON = new JsonFactory();
  private static final double KNOTS_TO_MPS = 1852.0 / 3600.0;
  /** Epoch numbers above this are milliseconds (it is 5138 in seconds, 1973 in milliseconds). */
  private static final long SECONDS_OR_MILLIS = 100_000_000_000L;
  private static final DateTimeFormatter SPACED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private final int maxPayloadBytes;
  private final int maxFixes;

  public OsmAndDecoder(TelemetryLimits limits) {
    this.maxPayloadBytes = limits.maxPayloadBytes();
    this.maxFixes = limits.maxFixesPerPublish();
  }

  /** The query/form form; {@code params} holds the first value of each parameter. */
  public OsmAndReport fromParameters(Map<String, String> params) {
    String device = first(params, "id", "deviceid");
    List<String> missing = new ArrayList<>();
    String timestamp = params.get("timestamp");
    String lat = params.get("lat");
    String lon = params.get("lon");
    String location = params.get("location");
    if (location != null && lat == null && lon == null) {
      String[] both = location.split(",", -1);
      if (both.length != 2) {
        return new OsmAndReport(device, PhoneMessage.refused(RejectionReason.WRONG_TYPE,
            "parameter 'location' must be 'latitude,longitude', got '" + location + "'"));
      }
      lat = both[0];
      lon = both[1];
    }
    if (device == null) missing.add("id");
    if (timestamp == null) missing.add("timestamp");
    if (lat == null) missing.add("lat");
    if (lon == null) missing.add("lon");
    if (!missing.isEmpty()) {
      return new OsmAndReport(device, PhoneMessage.refused(RejectionReason.MISSING_FIELD,
          "required parameter(s) missing: " + String.join(", ", missing)));
    }
    try {
      CampoFixJson fix = new CampoFixJson()
          .time(parameterTime(timestamp))
          .number("lat", number("lat", lat))
          .number("lon", number("lon", lon))
          .number("acc", optionalNumber(params, "accuracy"))
          .number("hdg", optionalNumber(params, params.containsKey("bearing") ? "bearing" : "heading"))
          .number("bat", optionalNumber(params, "batt"));
      Double knots = optionalNumber(params, "speed");
      if (knots != null) {
        fix.number("spd", knots * KNOTS_TO_MPS);
      }
      String charge = params.get("charge");
      if (charge != null) {
        fix.flag("chg", parseBoolean("charge", charge));
      }
      return new OsmAndReport(device, PhoneMessage.fixes(fix.toBytes()));
    } catch (BadValue e) {
      return new OsmAndReport(device, PhoneMessage.refused(e.reason, e.getMessage()));
    }
  }

  /** Traccar Client 9's JSON body. */
  public OsmAndReport fromJson(byte[] body) {
    if (body.length == 0) {
      return new OsmAndReport(null, PhoneMessage.refused(RejectionReason.EMPTY_PAYLOAD, "body is empty"));
    }
    if (body.length > maxPayloadBytes) {
      return new OsmAndReport(null, PhoneMessage.refused(RejectionReason.PAYLOAD_TOO_LARGE,
          "body is " + body.length + " bytes; the limit is " + maxPayloadBytes));
    }
    String device = null;
    List<Map<String, Object>> locations = new ArrayList<>();
    try (JsonParser p = JSON.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return new OsmAndReport(null, PhoneMessage.refused(RejectionReason.NOT_AN_OBJECT,
            "expected {\"location\": {...}, \"device_id\": \"...\"}"));
      }
      for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if (name.equals("device_id") && value == JsonToken.VALUE_STRING) {
          device = p.getText();
        } else if (name.equals("location") && value == JsonToken.START_OBJECT) {
          locations.add(readObject(p));
        } else if (name.equals("location") && value == JsonToken.START_ARRAY) {
          for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
            if (locations.size() == maxFixes) {
              return new OsmAndReport(device, PhoneMessage.refused(RejectionReason.TOO_MANY_FIXES,
                  "more than " + maxFixes + " locations in one request"));
            }
            if (e != JsonToken.START_OBJECT) {
              return new OsmAndReport(device, PhoneMessage.refused(RejectionReason.NOT_AN_OBJECT,
                  "every element of 'location' must be an object"));
            }
            locations.add(readObject(p));
          }
        } else if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
          p.skipChildren();
        }
      }
      if (p.nextToken() != null) {
        return new OsmAndReport(device, PhoneMessage.refused(RejectionReason.INVALID_JSON, "invalid JSON: unexpected content after the object"));
      }
    } catch (JsonProcessingException e) {
      return new OsmAndReport(device, PhoneMessage.refused(RejectionReason.INVALID_JSON, "invalid JSON: " + e.getOriginalMessage()));
    } catch (IOException e) {
      return new OsmAndReport(device, PhoneMessage.refused(RejectionReason.INVALID_JSON, "invalid JSON: " + e.getMessage()));
    }
    if (locations.isEmpty()) {
      return new OsmAndReport(device, PhoneMessage.refused(RejectionReason.MISSING_FIELD, "field 'location' is missing"));
    }
    try {
      CampoFixJson fixes = new CampoFixJson();
      for (int i = 0; i < locations.size(); i++) {
        if (i > 0) {
          fixes.next();
        }
        jsonLocation(locations.get(i), fixes);
      }
      return new OsmAndReport(device, PhoneMessage.fixes(fixes.toBytes()));
    } catch (BadValue e) {
      return new OsmAndReport(device, PhoneMessage.refused(e.reason, e.getMessage()));
    }
  }

  private static void jsonLocation(Map<String, Object> location, CampoFixJson fix) throws BadValue {
    if (!(location.get("coords") instanceof Map<?, ?> coords) || !coords.containsKey("latitude") || !coords.containsKey("longitude")
        || !location.containsKey("timestamp")) {
      throw new BadValue(RejectionReason.MISSING_FIELD, "a location needs 'timestamp' and 'coords' with 'latitude' and 'longitude'");
    }
    if (!(location.get("timestamp") instanceof String iso)) {
      throw new BadValue(RejectionReason.WRONG_TYPE, "field 'timestamp' must be an ISO-8601 time such as 2026-11-22T14:03:05.120Z");
    }
    fix.time(isoTime("timestamp", iso))
        .number("lat", jsonNumber(coords, "latitude", false))
        .number("lon", jsonNumber(coords, "longitude", false))
        .number("acc", jsonNumber(coords, "accuracy", true))
        // The location SDK reports an unknown speed or heading as -1: leave it out rather than refuse the fix.
        .number("spd", jsonNumber(coords, "speed", true))
        .number("hdg", jsonNumber(coords, "heading", true));
    if (location.get("battery") instanceof Map<?, ?> battery) {
      Double level = jsonNumber(battery, "level", true);
      if (level != null) {
        fix.number("bat", (double) Math.round(level * 100));
      }
      if (battery.get("is_charging") instanceof Boolean charging) {
        fix.flag("chg", charging);
      }
    }
  }

  /** A number of {@code object}, null when absent or (with {@code negativeIsUnknown}) below zero. */
  private static Double jsonNumber(Map<?, ?> object, String name, boolean negativeIsUnknown) throws BadValue {
    Object v = object.get(name);
    if (v == null) {
      return null;
    }
    if (!(v instanceof Double d)) {
      throw new BadValue(RejectionReason.WRONG_TYPE, "field '" + name + "' must be a number");
    }
    return negativeIsUnknown && d < 0 ? null : d;
  }

  /** Reads an object whose START_OBJECT is current into scalars and nested objects (arrays are skipped). */
  private static Map<String, Object> readObject(JsonParser p) throws IOException {
    Map<String, Object> m = new HashMap<>();
    for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
      String name = p.currentName();
      JsonToken value = p.nextToken();
      switch (value) {
        case START_OBJECT -> m.put(name, readObject(p));
        case START_ARRAY -> p.skipChildren();
        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> m.put(name, p.getDoubleValue());
        case VALUE_STRING -> m.put(name, p.getText());
        case VALUE_TRUE, VALUE_FALSE -> m.put(name, value == JsonToken.VALUE_TRUE);
        default -> { }
      }
    }
    return m;
  }

  private static String first(Map<String, String> params, String... names) {
    for (String n : names) {
      String v = params.get(n);
      if (v != null && !v.isBlank()) {
        return v;
      }
    }
    return null;
  }

  private static long parameterTime(String value) throws BadValue {
    String v = value.trim();
    if (!v.isEmpty() && v.chars().allMatch(Character::isDigit) && v.length() <= 15) {
      long n = Long.parseLong(v);
      return n >= SECONDS_OR_MILLIS ? n : n * 1000;
    }
    if (v.length() == 19 && v.charAt(10) == ' ') {
      try {
        return LocalDateTime.parse(v, SPACED).toInstant(ZoneOffset.UTC).toEpochMilli();
      } catch (DateTimeParseException e) {
        throw new BadValue(RejectionReason.TS_INVALID, "parameter 'timestamp' is not a time: '" + value + "'");
      }
    }
    return isoTime("timestamp", v);
  }

  private static long isoTime(String name, String value) throws BadValue {
    try {
      return OffsetDateTime.parse(value).toInstant().toEpochMilli();
    } catch (DateTimeParseException e) {
      try {
        return Instant.parse(value).toEpochMilli();
      } catch (DateTimeParseException again) {
        throw new BadValue(RejectionReason.TS_INVALID, "'" + name + "' must be epoch seconds or milliseconds, an ISO-8601 time"
            + " with offset (2026-11-22T14:03:05Z) or 'yyyy-MM-dd HH:mm:ss' in UTC; got '" + value + "'");
      }
    }
  }

  private static Double optionalNumber(Map<String, String> params, String name) throws BadValue {
    String v = params.get(name);
    return v == null || v.isBlank() ? null : number(name, v);
  }

  private static double number(String name, String value) throws BadValue {
    try {
      double d = Double.parseDouble(value.trim());
      if (Double.isNaN(d)) {
        throw new BadValue(RejectionReason.NOT_A_NUMBER, "parameter '" + name + "' is NaN");
      }
      return d;
    } catch (NumberFormatException e) {
      throw new BadValue(RejectionReason.WRONG_TYPE, "parameter '" + name + "' must be a number, got '" + value + "'");
    }
  }

  private static boolean parseBoolean(String name, String value) throws BadValue {
    return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "true", "1" -> true;
      case "false", "0" -> false;
      default -> throw new BadValue(RejectionReason.WRONG_TYPE, "parameter '" + name + "' must be true or false, got '" + value + "'");
    };
  }

  /** A value that cannot be read; carries its reason. */
  private static final class BadValue extends Exception {
    final RejectionReason reason;

    BadValue(RejectionReason reason, String message) {
      super(message, null, false, false);
      this.reason = reason;
    }
  }
}
