package io.campo.server.agentapp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonArray;
import org.junit.jupiter.api.Test;

class EncodedPolylineTest {

  private static JsonArray lonLat(double... latLon) {
    JsonArray out = new JsonArray();
    for (int i = 0; i < latLon.length; i += 2) {
      out.add(new JsonArray().add(latLon[i + 1]).add(latLon[i]));
    }
    return out;
  }

  /** The worked example of Google's format documentation. */
  @Test
  void encodesGooglesExample() {
    assertEquals("_p~iF~ps|U_ulLnnqC_mqNvxq`@", EncodedPolyline.encode(lonLat(38.5, -120.2, 40.7, -120.95, 43.252, -126.453)));
  }

  @Test
  void anEmptyLineIsAnEmptyString() {
    assertEquals("", EncodedPolyline.encode(new JsonArray()));
  }

  @Test
  void roundsToFiveDecimalsAndRepeatsNothingForAStandstill() {
    assertEquals("??", EncodedPolyline.encode(lonLat(0.000001, -0.000001)));
    assertEquals(EncodedPolyline.encode(lonLat(19.4326, -99.1332)) + "??", EncodedPolyline.encode(lonLat(19.4326, -99.1332, 19.4326, -99.1332)));
  }
}
