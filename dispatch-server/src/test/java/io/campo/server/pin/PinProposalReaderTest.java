package io.campo.server.pin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class PinProposalReaderTest {

  static JsonObject good() {
    return new JsonObject(PinProposalReader.EXAMPLE);
  }

  static String problem(JsonObject body) {
    PinProposalReader.Result r = PinProposalReader.read(body);
    assertTrue(r.proposal().isEmpty(), "refused: " + body);
    return r.problem();
  }

  @Test
  void theExampleIsAProposal() {
    PinProposal p = PinProposalReader.read(good()).proposal().orElseThrow();
    assertEquals(new PinProposal("CR-1", 17, 19.4326, -99.1332, 8, "la casa azul, dos calles al norte"), p);
    assertEquals(null, PinProposalReader.read(good().put("note", "  ")).proposal().orElseThrow().note(), "a blank note is none");
  }

  @Test
  void aCoarseFixIsRefusedWithWhatToDo() {
    String why = problem(good().put("accuracyMeters", 120));
    assertTrue(why.contains("120 m") && why.contains("50 m") && why.contains("better GPS fix"), why);
    PinProposalReader.read(good().put("accuracyMeters", 50)).proposal().orElseThrow();
  }

  @Test
  void everyMalformedFieldIsNamed() {
    assertTrue(problem(good().put("lat", 91)).contains("'lat'"));
    assertTrue(problem(good().put("lon", -180.5)).contains("'lon'"));
    assertTrue(problem(good().put("lat", "19.4")).contains("'lat'"));
    assertTrue(problem(good().putNull("lon")).contains("'lon'"));
    assertTrue(problem(good().put("lat", 0).put("lon", 0)).contains("no GPS fix"));
    assertTrue(problem(good().put("accuracyMeters", 0)).contains("'accuracyMeters'"));
    assertTrue(problem(good().put("accuracyMeters", Double.NaN)).contains("'accuracyMeters'"));
    assertTrue(problem(good().put("addressId", 1.5)).contains("'addressId'"));
    assertTrue(problem(good().put("addressId", -3)).contains("'addressId'"));
    assertTrue(problem(good().put("debtor", "")).contains("'debtor'"));
    assertTrue(problem(good().put("debtor", "x".repeat(129))).contains("'debtor'"));
    assertTrue(problem(good().put("note", 5)).contains("'note'"));
    assertTrue(problem(good().put("note", "n".repeat(501))).contains("'note'"));
    String all = problem(new JsonObject());
    for (String field : new String[] {"'debtor'", "'addressId'", "'lat'", "'lon'", "'accuracyMeters'"}) {
      assertTrue(all.contains(field), all);
    }
  }

  @Test
  void distancesAreMetres() {
    // 0.001° of latitude is 110.6 m.
    assertEquals(110.6, PinCorrections.distanceMeters(19.4, -99.1, 19.401, -99.1), 0.1);
  }
}
