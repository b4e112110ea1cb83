package io.campo.server.planning;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.campo.server.CpuBudget;
import io.campo.server.api.ApiException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;

/**
 * Whatever JSON object a dispatcher posts to {@code /api/plans}, the reader answers with a plan request or an
 * {@link ApiException} — nothing else — and no body costs over 100 ms. Seeds: {@code PlanRequestReaderFuzzTestInputs/reads/}.
 */
class PlanRequestReaderFuzzTest {

  private static final ZoneId ZONE = ZoneId.of("America/Mexico_City");

  static {
    CpuBudget.warmUp(() -> new PlanRequestReader(ZONE).read(new JsonObject("{\"date\": \"2026-11-25\", \"agents\": [{\"id\": \"a\","
        + " \"start\": {\"lat\": 19.43, \"lon\": -99.13}, \"shiftStart\": \"08:00\", \"shiftEnd\": \"17:00\"}], \"visits\": [{\"id\": \"v1\", \"lat\": 19.44, \"lon\": -99.12}]}")));
  }

  @FuzzTest(maxDuration = "8s")
  void reads(byte[] body) {
    JsonObject json;
    try {
      json = new JsonObject(new String(body, StandardCharsets.UTF_8));
    } catch (DecodeException | ClassCastException e) {
      return; // not an object: the HTTP layer's 400, before this reader
    }
    CpuBudget.within(() -> {
      try {
        new PlanRequestReader(ZONE).read(json);
      } catch (ApiException e) {
        // the documented answer
      }
    });
  }
}
