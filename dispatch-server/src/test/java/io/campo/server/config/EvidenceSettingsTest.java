package io.campo.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvidenceSettingsTest {

  @Test
  void defaultsFitAPhoneOfflineOverALongWeekend() {
    EvidenceSettings e = CampoConfig.from(Map.of()).evidence();
    assertEquals(Duration.ofMinutes(2), e.lateFixAfter());
    assertEquals(Duration.ofHours(24), e.rejudgeFor());
    assertEquals(Duration.ofDays(7), e.maxBacklogAge());
  }

  @Test
  void readsTheAgencysOwnValues() {
    EvidenceSettings e = CampoConfig.from(Map.of("CAMPO_EVIDENCE_LATE_AFTER_SECONDS", "30", "CAMPO_VISIT_REJUDGE_HOURS", "0",
        "CAMPO_TELEMETRY_MAX_BACKLOG_DAYS", "3")).evidence();
    assertEquals(Duration.ofSeconds(30), e.lateFixAfter());
    assertEquals(Duration.ZERO, e.rejudgeFor(), "0 turns re-judging off");
    assertEquals(Duration.ofDays(3), e.maxBacklogAge());
  }

  @Test
  void aBacklogNeverReachesFurtherBackThanTheRetentionKeepsFixes() {
    EvidenceSettings e = CampoConfig.from(Map.of("CAMPO_TELEMETRY_RETENTION_DAYS", "2")).evidence();
    assertEquals(Duration.ofDays(2), e.maxBacklogAge());
  }

  @Test
  void outOfRangeValuesStopTheServerWithTheirName() {
    for (Map<String, String> bad : new Map[] {Map.of("CAMPO_EVIDENCE_LATE_AFTER_SECONDS", "0"),
        Map.of("CAMPO_VISIT_REJUDGE_HOURS", "-1"), Map.of("CAMPO_TELEMETRY_MAX_BACKLOG_DAYS", "0"),
        Map.of("CAMPO_TELEMETRY_MAX_BACKLOG_DAYS", "9999"), Map.of("CAMPO_VISIT_REJUDGE_HOURS", "soon")}) {
      ConfigException e = assertThrows(ConfigException.class, () -> CampoConfig.from(bad), bad.toString());
      assertTrue(e.getMessage().contains(bad.keySet().iterator().next()), e.getMessage());
    }
  }
}
