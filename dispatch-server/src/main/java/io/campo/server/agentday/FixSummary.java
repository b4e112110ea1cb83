package io.campo.server.agentday;

import io.campo.tracking.telemetry.Fix;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * How many fixes a day has, the first and last, and the distance the agent covered in metres.
 *
 * <p>The distance adds the great-circle steps between consecutive fixes, leaving out a fix that
 * would mean moving faster than {@link #MAX_PLAUSIBLE_SPEED_MPS}: a GPS jump (a reflection off a
 * building puts the phone a kilometre away for one fix) would otherwise add twice its length.
 * After {@link #REANCHOR_AFTER} such fixes in a row the phone really is elsewhere (the first fix
 * was the wrong one, or it travelled without reporting): the trail restarts there without the step.
 * A phone lying on a desk wanders by a few metres from fix to fix; steps are only counted once the
 * phone is {@link #MIN_STEP_METERS} from the last counted position, or a day at the office would
 * add kilometres.
 */
public final class FixSummary {

  /** 50 m/s is 180 km/h: no collection agent moves that fast in a city. */
  static final double MAX_PLAUSIBLE_SPEED_MPS = 50;
  static final int REANCHOR_AFTER = 3;
  static final double MIN_STEP_METERS = 10;
  private static final double EARTH_RADIUS_METERS = 6_371_008.8;

  private FixSummary() {}

  /** Fixes oldest first. */
  static JsonObject of(List<Fix> fixes) {
    JsonObject o = new JsonObject().put("count", fixes.size());
    if (fixes.isEmpty()) {
      return o.putNull("first").putNull("last").put("distanceMeters", 0);
    }
    return o.put("first", fixes.get(0).deviceTime().toString()).put("last", fixes.get(fixes.size() - 1).deviceTime().toString())
        .put("distanceMeters", Math.round(distanceMeters(fixes)));
  }

  /** Fixes oldest first; also the KPI report's distance rollup, so that both count one way. */
  public static double distanceMeters(List<Fix> fixes) {
    double total = 0;
    Fix anchor = null;
    int rejectedInARow = 0;
    for (Fix f : fixes) {
      if (anchor == null) {
        anchor = f;
        continue;
      }
      double step = meters(anchor.lat(), anchor.lon(), f.lat(), f.lon());
      double seconds = Math.max(1, (f.deviceTimeMillis() - anchor.deviceTimeMillis()) / 1000.0);
      if (step < MIN_STEP_METERS) {
        rejectedInARow = 0;
      } else if (step / seconds <= MAX_PLAUSIBLE_SPEED_MPS) {
        total += step;
        anchor = f;
        rejectedInARow = 0;
      } else if (++rejectedInARow >= REANCHOR_AFTER) {
        anchor = f;
        rejectedInARow = 0;
      }
    }
    return total;
  }

  /** Haversine distance. */
  static double meters(double lat1, double lon1, double lat2, double lon2) {
    double dLat = Math.toRadians(lat2 - lat1);
    double dLon = Math.toRadians(lon2 - lon1);
    double a = Math.sin(dLat / 2) * Math.sin(dLat / 2)
        + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
    return 2 * EARTH_RADIUS_METERS * Math.asin(Math.min(1, Math.sqrt(a)));
  }
}
