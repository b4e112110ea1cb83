package io.campo.tracking.telemetry;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a telemetry payload (one JSON fix or an array of them, see the MQTT contract in docs/mqtt.md)
 * into validated {@link Fix}es and a rejection for every fix that cannot be stored.
 *
 * <p>Streams the JSON once with Jackson's parser rather than building a tree: at tens of
 * thousands of fixes per second the tree's garbage showed up in profiles. Unknown fields are
 * ignored so that newer apps can send more than this server reads.
 *
 * <p>Thread-safe and immutable.
 */
public final class TelemetryDecoder {

  /** Device times before this are refused: they are almost always epoch seconds sent as millis. */
  private static final long EARLIEST_DEVICE_TIME_MILLIS = Instant.parse("2000-01-01T00:00:00Z").toEpochMilli();

  // NaN and Infinity literals are read as numbers so they get their own reason, not "invalid JSON".
  private static final JsonFactory JSON =
      JsonFactory.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

  private final TelemetryLimits limits;
  private final Clock clock;

  public TelemetryDecoder(TelemetryLimits limits, Clock clock) {
    this.limits = limits;
    this.clock = clock;
  }

  public DecodedTelemetry decode(String agentId, byte[] payload) {
    if (payload.length == 0) {
      return DecodedTelemetry.refused(RejectionReason.EMPTY_PAYLOAD, "payload is empty");
    }
    if (payload.length > limits.maxPayloadBytes()) {
      return DecodedTelemetry.refused(
          RejectionReason.PAYLOAD_TOO_LARGE,
          "payload is " + payload.length + " bytes; the limit is " + limits.maxPayloadBytes());
    }
    long receivedAt = clock.millis();
    List<Fix> fixes = new ArrayList<>();
    List<FixRejection> rejections = new ArrayList<>();
    try (JsonParser parser = JSON.createParser(payload)) {
      JsonToken first = parser.nextToken();
      if (first == JsonToken.START_OBJECT) {
        readFix(parser, agentId, receivedAt, 0, fixes, rejections);
      } else if (first == JsonToken.START_ARRAY) {
        int index = 0;
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
          if (t == null) {
            throw new JsonParseFailure("array is not closed");
          }
          if (index == limits.maxFixesPerPublish()) {
            return DecodedTelemetry.refused(
                RejectionReason.TOO_MANY_FIXES,
                "more than " + limits.maxFixesPerPublish() + " fixes in one publish; split the backlog");
          }
          if (t == JsonToken.START_OBJECT) {
            readFix(parser, agentId, receivedAt, index, fixes, rejections);
          } else {
            parser.skipChildren();
            rejections.add(new FixRejection(index, RejectionReason.NOT_AN_OBJECT, "expected a JSON object, found " + t.asString()));
          }
          index++;
        }
        if (index == 0) {
          return DecodedTelemetry.refused(RejectionReason.EMPTY_PAYLOAD, "the array holds no fixes");
        }
      } else {
        return DecodedTelemetry.refused(
            RejectionReason.NOT_AN_OBJECT, "expected a JSON object or array, found " + (first == null ? "nothing" : first.asString()));
      }
      if (parser.nextToken() != null) {
        throw new JsonParseFailure("unexpected content after the JSON value");
      }
    } catch (JsonProcessingException e) {
      return DecodedTelemetry.refused(RejectionReason.INVALID_JSON, "invalid JSON: " + e.getOriginalMessage() + " at " + location(e));
    } catch (JsonParseFailure e) {
      return DecodedTelemetry.refused(RejectionReason.INVALID_JSON, "invalid JSON: " + e.getMessage());
    } catch (IOException e) {
      return DecodedTelemetry.refused(RejectionReason.INVALID_JSON, "invalid JSON: " + e.getMessage());
    }
    return new DecodedTelemetry(fixes, rejections);
  }

  private static String location(JsonProcessingException e) {
    var loc = e.getLocation();
    return loc == null ? "unknown position" : "line " + loc.getLineNr() + " column " + loc.getColumnNr();
  }

  /** Reads one object whose START_OBJECT is the current token; leaves the parser on its END_OBJECT. */
  private void readFix(JsonParser p, String agentId, long receivedAt, int index, List<Fix> fixes, List<FixRejection> rejections)
      throws IOException {
    FixFields f = new FixFields();
    String problemField = null;
    RejectionReason problem = null;
    String problemMessage = null;
    for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
      String name = p.currentName();
      JsonToken value = p.nextToken();
      String error = f.read(name, value, p);
      if (error != null && problem == null) {
        problemField = name;
        problem = value == JsonToken.VALUE_NUMBER_FLOAT && p.isNaN() ? RejectionReason.NOT_A_NUMBER : RejectionReason.WRONG_TYPE;
        problemMessage = error;
      }
      if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
        p.skipChildren();
      }
    }
    if (problem != null) {
      rejections.add(new FixRejection(index, problem, "field '" + problemField + "' " + problemMessage));
      return;
    }
    FixRejection rejection = validate(f, index);
    if (rejection != null) {
      rejections.add(rejection);
      return;
    }
    fixes.add(new Fix(agentId, f.ts, receivedAt, f.lat, f.lon, f.acc, f.spd, f.hdg, f.bat, f.chg, f.seq));
  }

  private FixRejection validate(FixFields f, int index) {
    if (!f.hasTs || !f.hasLat || !f.hasLon) {
      List<String> missing = new ArrayList<>(3);
      if (!f.hasTs) missing.add("ts");
      if (!f.hasLat) missing.add("lat");
      if (!f.hasLon) missing.add("lon");
      return new FixRejection(index, RejectionReason.MISSING_FIELD, "required field(s) missing: " + String.join(", ", missing));
    }
    if (f.ts < EARLIEST_DEVICE_TIME_MILLIS) {
      return new FixRejection(index, RejectionReason.TS_TOO_OLD,
          "ts " + f.ts + " is before 2000-01-01; epoch timestamps must be in milliseconds");
    }
    long now = clock.millis();
    if (f.ts < now - limits.maxBacklogAge().toMillis()) {
      return new FixRejection(index, RejectionReason.TS_TOO_OLD,
          "ts " + Instant.ofEpochMilli(f.ts) + " is more than " + limits.maxBacklogAge().toHours()
              + " hours before the server clock; a backlog older than that is not accepted");
    }
    long latestAllowed = now + limits.maxClockSkew().toMillis();
    if (f.ts > latestAllowed) {
      return new FixRejection(index, RejectionReason.TS_IN_FUTURE,
          "ts " + Instant.ofEpochMilli(f.ts) + " is more than " + limits.maxClockSkew().toMinutes()
              + " minutes ahead of the server clock; check the device's clock");
    }
    if (Double.isNaN(f.lat) || Double.isNaN(f.lon)) {
      return new FixRejection(index, RejectionReason.NOT_A_NUMBER, "lat and lon must be numbers, got NaN");
    }
    if (!(f.lat >= -90 && f.lat <= 90)) {
      return new FixRejection(index, RejectionReason.LAT_OUT_OF_RANGE, "lat " + f.lat + " is outside -90..90");
    }
    if (!(f.lon >= -180 && f.lon <= 180)) {
      return new FixRejection(index, RejectionReason.LON_OUT_OF_RANGE, "lon " + f.lon + " is outside -180..180");
    }
    if (f.bat != null && (f.bat < 0 || f.bat > 100)) {
      return new FixRejection(index, RejectionReason.BATTERY_OUT_OF_RANGE, "bat " + f.bat + " is outside 0..100 percent");
    }
    if (f.acc != null && !(f.acc >= 0 && f.acc <= 100_000)) {
      return new FixRejection(index, RejectionReason.ACCURACY_OUT_OF_RANGE, "acc " + f.acc + " is outside 0..100000 metres");
    }
    if (f.spd != null && !(f.spd >= 0 && f.spd <= 350)) {
      return new FixRejection(index, RejectionReason.SPEED_OUT_OF_RANGE, "spd " + f.spd + " is outside 0..350 m/s");
    }
    if (f.hdg != null && !(f.hdg >= 0 && f.hdg <= 360)) {
      return new FixRejection(index, RejectionReason.HEADING_OUT_OF_RANGE, "hdg " + f.hdg + " is outside 0..360 degrees");
    }
    return null;
  }

  /** The fields of one fix while it is being read; {@code read} returns an error text or null. */
  private static final class FixFields {
    boolean hasTs, hasLat, hasLon;
    long ts;
    double lat, lon;
    Double acc, spd, hdg;
    Integer bat;
    Boolean chg;
    Long seq;

    String read(String name, JsonToken value, JsonParser p) throws IOException {
      if (value == JsonToken.VALUE_NULL) {
        return switch (name) {
          case "ts", "lat", "lon" -> "must not be null";
          default -> null;
        };
      }
      switch (name) {
        case "ts" -> {
          if (value == JsonToken.VALUE_NUMBER_INT) {
            ts = p.getLongValue();
          } else if (value == JsonToken.VALUE_STRING) {
            try {
              ts = OffsetDateTime.parse(p.getText()).toInstant().toEpochMilli();
            } catch (DateTimeParseException e) {
              return "is not an ISO-8601 time with offset (e.g. 2026-11-22T14:03:05.120Z): '" + p.getText() + "'";
            }
          } else {
            return "must be an ISO-8601 string or epoch milliseconds";
          }
          hasTs = true;
        }
        case "lat" -> {
          if (!isNumber(value)) return "must be a number";
          lat = p.getDoubleValue();
          hasLat = true;
        }
        case "lon" -> {
          if (!isNumber(value)) return "must be a number";
          lon = p.getDoubleValue();
          hasLon = true;
        }
        case "acc" -> {
          if (!isNumber(value)) return "must be a number";
          acc = p.getDoubleValue();
        }
        case "spd" -> {
          if (!isNumber(value)) return "must be a number";
          spd = p.getDoubleValue();
        }
        case "hdg" -> {
          if (!isNumber(value)) return "must be a number";
          hdg = p.getDoubleValue();
        }
        case "bat" -> {
          if (!isNumber(value)) return "must be a number";
          double b = p.getDoubleValue();
          if (Double.isNaN(b)) return "must not be NaN";
          bat = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, Math.round(b)));
        }
        case "chg" -> {
          if (value != JsonToken.VALUE_TRUE && value != JsonToken.VALUE_FALSE) return "must be true or false";
          chg = value == JsonToken.VALUE_TRUE;
        }
        case "seq" -> {
          if (value != JsonToken.VALUE_NUMBER_INT) return "must be an integer";
          seq = p.getLongValue();
        }
        default -> {
          // Unknown fields are ignored on purpose (forward compatibility).
        }
      }
      if ((name.equals("acc") || name.equals("spd") || name.equals("hdg")) && value == JsonToken.VALUE_NUMBER_FLOAT && p.isNaN()) {
        return "must not be NaN";
      }
      return null;
    }

    private static boolean isNumber(JsonToken t) {
      return t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT;
    }
  }

  /** A structural problem Jackson does not report by itself (e.g. trailing content). */
  private static final class JsonParseFailure extends Exception {
    JsonParseFailure(String message) {
      super(message);
    }
  }
}
