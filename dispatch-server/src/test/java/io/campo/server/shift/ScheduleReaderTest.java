package io.campo.server.shift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.campo.server.api.ApiException;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every refused schedule says which entry and why. */
class ScheduleReaderTest {

  static String refusal(String json) {
    ApiException e = assertThrows(ApiException.class, () -> ScheduleReader.read(new JsonObject(json)));
    assertEquals(400, e.status());
    return e.getMessage();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"weekly\":[{\"day\":0,\"start\":\"09:00\",\"end\":\"18:00\"}]}|weekly[0].day must be an ISO weekday",
      "{\"weekly\":[{\"day\":8,\"start\":\"09:00\",\"end\":\"18:00\"}]}|weekly[0].day must be an ISO weekday",
      "{\"weekly\":[{\"day\":\"1\",\"start\":\"09:00\",\"end\":\"18:00\"}]}|weekly[0].day must be an ISO weekday",
      "{\"weekly\":[{\"day\":1,\"start\":\"25:00\",\"end\":\"26:00\"}]}|weekly[0].start must be a time",
      "{\"weekly\":[{\"day\":1,\"start\":\"24:00\",\"end\":\"24:00\"}]}|weekly[0].start must be a time",
      "{\"weekly\":[{\"day\":1,\"start\":\"09:00\",\"end\":\"24:01\"}]}|weekly[0].end must be a time",
      "{\"weekly\":[{\"day\":1,\"start\":\"9:00\",\"end\":\"18:00\"}]}|weekly[0].start must be a time",
      "{\"weekly\":[{\"day\":1,\"start\":\"09:60\",\"end\":\"18:00\"}]}|weekly[0].start must be a time",
      "{\"weekly\":[{\"day\":1,\"start\":\"18:00\",\"end\":\"09:00\"}]}|weekly[0]: end 09:00 is not after start 18:00",
      "{\"weekly\":[{\"day\":1,\"start\":\"09:00\",\"end\":\"09:00\"}]}|weekly[0]: end 09:00 is not after start 09:00",
      "{\"weekly\":[{\"day\":1,\"start\":\"09:00\",\"end\":\"13:00\"},{\"day\":1,\"start\":\"12:00\",\"end\":\"14:00\"}]}|weekly[1] (Monday 12:00–14:00) overlaps weekly[0] (Monday 09:00–13:00)",
      "{\"weekly\":{\"day\":1}}|'weekly' must be a list",
      "{}|'weekly' must be a list",
      "{\"weekly\":[],\"exceptions\":{}}|'exceptions' must be a list",
      "{\"weekly\":[],\"exceptions\":[{\"date\":\"2026-02-30\",\"onDuty\":false}]}|exceptions[0].date must be a date",
      "{\"weekly\":[],\"exceptions\":[{\"date\":\"2026-12-25\"}]}|exceptions[0].onDuty must be true",
      "{\"weekly\":[],\"exceptions\":[{\"from\":\"2026-12-31\",\"to\":\"2026-12-01\",\"onDuty\":false}]}|exceptions[0]: 'to' 2026-12-01 is before 'from' 2026-12-31",
      "{\"weekly\":[],\"exceptions\":[{\"from\":\"2026-01-01\",\"to\":\"2027-06-01\",\"onDuty\":false}]}|exceptions[0] spans more than 366 days",
      "{\"weekly\":[],\"exceptions\":[{\"date\":\"2026-12-25\",\"onDuty\":false,\"start\":\"09:00\",\"end\":\"10:00\"}]}|a day off has no hours",
      "{\"weekly\":[],\"exceptions\":[{\"from\":\"2026-12-20\",\"to\":\"2026-12-31\",\"onDuty\":false},{\"date\":\"2026-12-25\",\"onDuty\":false}]}|exceptions[1] (2026-12-25) overlaps exceptions[0] (2026-12-20 to 2026-12-31)",
      "{\"weekly\":[],\"exceptions\":[{\"date\":\"2026-12-25\",\"from\":\"2026-12-25\",\"to\":\"2026-12-26\",\"onDuty\":false}]}|give either \"date\" or \"from\" and \"to\"",
  })
  void refusesWithTheEntryAndTheReason(String json, String expected) {
    String message = refusal(json);
    assertTrue(message.contains(expected), message);
  }

  @Test
  void refusesHugeBodies() {
    StringBuilder weekly = new StringBuilder("{\"weekly\":[");
    for (int i = 0; i < 1000; i++) {
      weekly.append(i == 0 ? "" : ",").append("{\"day\":1,\"start\":\"09:00\",\"end\":\"10:00\"}");
    }
    assertTrue(refusal(weekly.append("]}").toString()).contains("at most 70 entries"));
    String longReason = "x".repeat(201);
    assertTrue(refusal("{\"weekly\":[],\"exceptions\":[{\"date\":\"2026-12-25\",\"onDuty\":false,\"reason\":\"" + longReason + "\"}]}")
        .contains("at most 200 characters"));
  }

  @Test
  void readsWhatItWritesAndAcceptsTouchingSpans() {
    String json = "{\"weekly\":[{\"day\":1,\"start\":\"09:00\",\"end\":\"13:00\"},{\"day\":1,\"start\":\"13:00\",\"end\":\"24:00\"}],"
        + "\"exceptions\":[{\"from\":\"2026-12-24\",\"to\":\"2026-12-25\",\"onDuty\":false,\"reason\":\"Navidad\"},"
        + "{\"date\":\"2026-12-19\",\"onDuty\":true,\"start\":\"09:00\",\"end\":\"13:00\"}]}";
    WorkSchedule s = ScheduleReader.read(new JsonObject(json));
    WorkSchedule again = ScheduleJson.parse(ScheduleJson.weekly(s).encode(), ScheduleJson.exceptions(s).encode());
    assertEquals(s, again);
    assertEquals("24:00", ScheduleJson.weekly(s).getJsonObject(1).getString("end"));
  }
}
