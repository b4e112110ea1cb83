package io.campo.server.report;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.campo.server.CpuBudget;
import io.campo.server.api.ApiException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import java.nio.charset.StandardCharsets;

/**
 * Whatever a manager sends as a report's {@code zone} (GeoJSON, or WKT text), the parser answers with a zone or an
 * {@link ApiException} — nothing else — and no zone costs over 100 ms. A seed that starts with {@code {} is read as
 * JSON, anything else as WKT. Seeds: {@code ZonePolygonFuzzTestInputs/reads/}.
 */
class ZonePolygonFuzzTest {

  static {
    CpuBudget.warmUp(() -> ZonePolygon.read("POLYGON((-99.2 19.3, -99.0 19.3, -99.0 19.5, -99.2 19.3))"));
  }

  @FuzzTest(maxDuration = "8s")
  void reads(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);
    Object zone;
    if (text.startsWith("{")) {
      try {
        zone = Json.decodeValue(text);
      } catch (DecodeException e) {
        return; // not JSON: the HTTP layer's 400, before this parser
      }
    } else {
      zone = text;
    }
    CpuBudget.within(() -> {
      try {
        ZonePolygon.read(zone);
      } catch (ApiException e) {
        // the documented answer
      }
    });
  }
}
