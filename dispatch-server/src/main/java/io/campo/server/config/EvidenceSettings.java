package io.campo.server.config;

import io.campo.tracking.telemetry.TelemetryLimits;
import io.campo.tracking.visit.ValidationRules;
import java.time.Duration;
import java.util.Map;

/**
 * How the time a fix arrived weighs as evidence ({@code docs/security.md}, "Evidence that cannot be planted").
 *
 * @param lateFixAfter a fix received longer than this after it was taken is late ({@code CAMPO_EVIDENCE_LATE_AFTER_SECONDS}, 120)
 * @param rejudgeFor a visit rejected only for want of track is judged again when its fixes arrive within this
 *     ({@code CAMPO_VISIT_REJUDGE_HOURS}, 24; 0 never)
 * @param maxBacklogAge fixes taken longer ago than this are refused at ingest ({@code CAMPO_TELEMETRY_MAX_BACKLOG_DAYS}, 7;
 *     never beyond the telemetry retention, which would drop them anyway)
 */
public record EvidenceSettings(Duration lateFixAfter, Duration rejudgeFor, Duration maxBacklogAge) {

  static EvidenceSettings read(Map<String, String> v, int telemetryRetentionDays) {
    int lateSeconds = CampoConfig.integer(v, "CAMPO_EVIDENCE_LATE_AFTER_SECONDS",
        (int) ValidationRules.DEFAULT.lateFixAfter().toSeconds());
    if (lateSeconds < 1 || lateSeconds > 86_400) {
      throw new ConfigException("CAMPO_EVIDENCE_LATE_AFTER_SECONDS must be between 1 and 86400, got " + lateSeconds);
    }
    int rejudgeHours = CampoConfig.integer(v, "CAMPO_VISIT_REJUDGE_HOURS", (int) ValidationRules.DEFAULT.rejudgeFor().toHours());
    if (rejudgeHours < 0 || rejudgeHours > 24 * 30) {
      throw new ConfigException("CAMPO_VISIT_REJUDGE_HOURS must be between 0 and 720, got " + rejudgeHours);
    }
    int backlogDays = CampoConfig.integer(v, "CAMPO_TELEMETRY_MAX_BACKLOG_DAYS", (int) TelemetryLimits.DEFAULT_MAX_BACKLOG_AGE.toDays());
    if (backlogDays < 1 || backlogDays > 366) {
      throw new ConfigException("CAMPO_TELEMETRY_MAX_BACKLOG_DAYS must be between 1 and 366, got " + backlogDays);
    }
    if (telemetryRetentionDays > 0) {
      backlogDays = Math.min(backlogDays, telemetryRetentionDays);
    }
    return new EvidenceSettings(Duration.ofSeconds(lateSeconds), Duration.ofHours(rejudgeHours), Duration.ofDays(backlogDays));
  }
}
