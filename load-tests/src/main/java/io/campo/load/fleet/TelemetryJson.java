package io.campo.load.fleet;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes fixes as the JSON the server decodes: one object, or an array for a batch. Built by
 * hand rather than with a JSON library because the ingest benchmark formats tens of thousands
 * per second on the same two cores as the server it measures.
 *
 * <p>Thread-safe (stateless).
 */
public final class TelemetryJson {

  private TelemetryJson() {}

  public static byte[] of(DeviceFix fix) {
    StringBuilder json = new StringBuilder(160);
    append(json, fix);
    return json.toString().getBytes(StandardCharsets.US_ASCII);
  }

  public static byte[] of(List<DeviceFix> fixes) {
    StringBuilder json = new StringBuilder(2 + 160 * fixes.size()).append('[');
    for (int i = 0; i < fixes.size(); i++) {
      if (i > 0) {
        json.append(',');
      }
      append(json, fixes.get(i));
    }
    return json.append(']').toString().getBytes(StandardCharsets.US_ASCII);
  }

  private static void append(StringBuilder json, DeviceFix f) {
    json.append("{\"ts\":").append(f.ts())
        .append(",\"lat\":").append(rounded(f.lat(), 1e6))
        .append(",\"lon\":").append(rounded(f.lon(), 1e6))
        .append(",\"acc\":").append(rounded(f.acc(), 10))
        .append(",\"spd\":").append(rounded(f.spd(), 10))
        .append(",\"hdg\":").append(rounded(f.hdg(), 10))
        .append(",\"bat\":").append(f.bat())
        .append(",\"chg\":").append(f.chg())
        .append(",\"seq\":").append(f.seq())
        .append('}');
  }

  /** Six decimals of a degree are 0.1 m, finer than any phone's GPS; shorter payloads, same meaning. */
  private static double rounded(double value, double scale) {
    return Math.round(value * scale) / scale;
  }
}
