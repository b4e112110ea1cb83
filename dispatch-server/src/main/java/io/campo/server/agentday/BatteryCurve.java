package io.campo.server.agentday;

import io.campo.tracking.telemetry.Fix;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The day's battery levels for a chart: at most {@link #MAX_POINTS} points, so a phone reporting
 * every second does not send the browser 40,000. The fixes are cut into equal runs and each run
 * gives its lowest level (a drop is what a dispatcher looks for); the last reading is always kept.
 */
final class BatteryCurve {

  static final int MAX_POINTS = 200;

  private BatteryCurve() {}

  /** Fixes oldest first; fixes without a battery reading are skipped. */
  static JsonArray of(List<Fix> fixes) {
    List<Fix> readings = new ArrayList<>();
    for (Fix f : fixes) {
      if (f.batteryPercent() != null) {
        readings.add(f);
      }
    }
    JsonArray out = new JsonArray();
    int n = readings.size();
    if (n <= MAX_POINTS) {
      readings.forEach(f -> out.add(point(f)));
      return out;
    }
    int runs = MAX_POINTS - 1;
    for (int r = 0; r < runs; r++) {
      int from = (int) ((long) r * (n - 1) / runs);
      int to = (int) ((long) (r + 1) * (n - 1) / runs);
      Fix lowest = readings.get(from);
      for (int i = from + 1; i < to; i++) {
        if (readings.get(i).batteryPercent() < lowest.batteryPercent()) {
          lowest = readings.get(i);
        }
      }
      out.add(point(lowest));
    }
    out.add(point(readings.get(n - 1)));
    return out;
  }

  private static JsonObject point(Fix f) {
    return new JsonObject().put("t", f.deviceTime().toString()).put("level", f.batteryPercent()).put("charging", f.charging());
  }
}
