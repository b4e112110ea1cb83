package io.campo.tracking.protocol;

import java.nio.charset.StandardCharsets;

/**
 * Writes one fix, or an array of them, in Campo's telemetry format ({@code ts} epoch millis,
 * {@code lat}, {@code lon}, {@code acc}, {@code spd}, {@code hdg}, {@code bat}, {@code chg}) from
 * what another protocol reported. Fields left unset are not written. Not thread-safe.
 */
final class CampoFixJson {

  private final StringBuilder json = new StringBuilder(160);
  private boolean first = true;
  private int fixes;

  CampoFixJson() {
    open();
  }

  private void open() {
    json.append(fixes == 0 ? "{" : ",{");
    first = true;
    fixes++;
  }

  /** Starts the next fix of an array. */
  CampoFixJson next() {
    json.append('}');
    open();
    return this;
  }

  CampoFixJson time(long epochMillis) {
    return raw("ts", Long.toString(epochMillis));
  }

  /** A number; NaN and infinities are written as the JSON literals the telemetry decoder refuses with their own reason. */
  CampoFixJson number(String name, Double value) {
    return value == null ? this : raw(name, Double.isFinite(value) ? Double.toString(value) : value.isNaN() ? "NaN" : "Infinity");
  }


  CampoFixJson flag(String name, boolean value) {
    return raw(name, Boolean.toString(value));
  }

  private CampoFixJson raw(String name, String value) {
    if (!first) {
      json.append(',');
    }
    first = false;
    json.append('"').append(name).append("\":").append(value);
    return this;
  }

  byte[] toBytes() {
    String body = json + "}";
    return (fixes > 1 ? "[" + body + "]" : body).getBytes(StandardCharsets.UTF_8);
  }
}
