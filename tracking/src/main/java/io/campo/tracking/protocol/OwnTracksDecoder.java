package io.campo.tracking.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.campo.tracking.telemetry.RejectionReason;
import io.campo.tracking.telemetry.TelemetryLimits;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one message of the OwnTracks app (its JSON format, the same in MQTT and HTTP mode) and
 * turns a {@code _type: "location"} into a fix in Campo's telemetry format; every other type
 * ({@code lwt}, {@code transition}, {@code waypoint(s)}, {@code card}, {@code cmd}, {@code status},
 * {@code steps}, {@code beacon}...) carries no fix and is reported as ignored.
 *
 * <p>Units: {@code tst} epoch seconds → milliseconds; {@code vel} km/h → m/s; {@code batt}
 * percent; {@code bs} 2 (charging) or 3 (full) → charging, 1 (unplugged) → not charging, 0
 * (unknown) → not said; {@code cog} → heading. {@code alt} is read but not kept: Campo's fix has
 * no altitude. Range checks are left to the telemetry decoder so that a fix from OwnTracks is
 * refused for exactly the reasons a fix from Campo's own payload would be.
 *
 * <p>Thread-safe and immutable.
 */
public final class OwnTracksDecoder {

  private static final JsonFactory JSON = new JsonFactory();
  private static final double KMH_TO_MPS = 1 / 3.6;

  private final int maxPayloadBytes;

  public OwnTracksDecoder(TelemetryLimits limits) {
    this.maxPayloadBytes = limits.maxPayloadBytes();
  }

  public PhoneMessage decode(byte[] payload) {
    if (payload.length == 0) {
      return PhoneMessage.refused(RejectionReason.EMPTY_PAYLOAD, "payload is empty");
    }
    if (payload.length > maxPayloadBytes) {
      return PhoneMessage.refused(RejectionReason.PAYLOAD_TOO_LARGE,
          "payload is " + payload.length + " bytes; the limit is " + maxPayloadBytes);
    }
    Map<String, Object> fields = new HashMap<>();
    try (JsonParser p = JSON.createParser(payload)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return PhoneMessage.refused(RejectionReason.NOT_AN_OBJECT, "an OwnTracks message is one JSON object");
      }
      for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
          p.skipChildren();
        } else if (value == JsonToken.VALUE_NUMBER_INT || value == JsonToken.VALUE_NUMBER_FLOAT) {
          fields.put(name, p.getDoubleValue());
        } else if (value == JsonToken.VALUE_STRING) {
          fields.put(name, p.getText());
        } else if (value == JsonToken.VALUE_TRUE || value == JsonToken.VALUE_FALSE) {
          fields.put(name, value == JsonToken.VALUE_TRUE);
        }
      }
      if (p.nextToken() != null) {
        return PhoneMessage.refused(RejectionReason.INVALID_JSON, "invalid JSON: unexpected content after the object");
      }
    } catch (JsonProcessingException e) {
      return PhoneMessage.refused(RejectionReason.INVALID_JSON, "invalid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      return PhoneMessage.refused(RejectionReason.INVALID_JSON, "invalid JSON: " + e.getMessage());
    }
    Object type = fields.get("_type");
    if (!(type instanceof String typeName)) {
      return PhoneMessage.refused(RejectionReason.MISSING_FIELD, "field '_type' is missing: every OwnTracks message names its type");
    }
    return switch (typeName) {
      case "location" -> location(fields);
      // Encrypted with a key only the app and its friends hold: storing it would keep nothing usable.
      case "encrypted" -> PhoneMessage.refused(RejectionReason.UNSUPPORTED_PAYLOAD,
          "encrypted OwnTracks payloads cannot be read by Campo; clear the encryption key in the app");
      default -> PhoneMessage.ignored(typeName);
    };
  }

  private static PhoneMessage location(Map<String, Object> f) {
    List<String> missing = new ArrayList<>(3);
    for (String required : new String[] {"tst", "lat", "lon"}) {
      if (!f.containsKey(required)) {
        missing.add(required);
      }
    }
    if (!missing.isEmpty()) {
      return PhoneMessage.refused(RejectionReason.MISSING_FIELD, "required field(s) missing: " + String.join(", ", missing));
    }
    for (String numeric : new String[] {"tst", "lat", "lon", "acc", "batt", "bs", "vel", "cog", "alt"}) {
      if (f.containsKey(numeric) && !(f.get(numeric) instanceof Double)) {
        return PhoneMessage.refused(RejectionReason.WRONG_TYPE, "field '" + numeric + "' must be a number");
      }
    }
    CampoFixJson fix = new CampoFixJson()
        .time(Math.round((Double) f.get("tst") * 1000))
        .number("lat", (Double) f.get("lat"))
        .number("lon", (Double) f.get("lon"))
        .number("acc", (Double) f.get("acc"))
        .number("bat", (Double) f.get("batt"))
        .number("hdg", (Double) f.get("cog"));
    if (f.get("vel") instanceof Double kmh) {
      fix.number("spd", kmh * KMH_TO_MPS);
    }
    if (f.get("bs") instanceof Double status) {
      if (status == 1) {
        fix.flag("chg", false);
      } else if (status == 2 || status == 3) {
        fix.flag("chg", true);
      }
    }
    return PhoneMessage.fixes(fix.toBytes());
  }
}
