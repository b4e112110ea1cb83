package io.campo.server.visit;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.campo.server.CpuBudget;
import io.campo.server.api.ApiException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Whatever JSON object a phone posts to {@code /api/visits}, the reader answers with a submission or an
 * {@link ApiException} listing the problems — nothing else — and no body costs over 100 ms (the amount
 * {@code 1E+999999999} once cost 29 s). Seeds: {@code VisitRequestReaderFuzzTestInputs/reads/}.
 */
class VisitRequestReaderFuzzTest {

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T16:00:00Z"), ZoneOffset.UTC);

  static {
    CpuBudget.warmUp(() -> new VisitRequestReader(CLOCK).read(new JsonObject(VisitRequestReader.EXAMPLE)));
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
        new VisitRequestReader(CLOCK).read(json).outcomeDetails().encode();
      } catch (ApiException e) {
        // the documented answer
      }
    });
  }
}
