package io.campo.server.database;

import io.campo.server.cluster.PeriodicJobs;
import io.campo.tracking.storage.HypertableRetention;
import io.campo.tracking.storage.TelemetryPartitions;
import io.campo.tracking.storage.TelemetrySchema;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps telemetry day partitions a week ahead and drops those past the retention. On TimescaleDB,
 * whose own policies do this, it only keeps the retention policy equal to the configured one. Idempotent; run at start and every hour.
 */
public final class PartitionMaintenance {

  private static final Logger log = LoggerFactory.getLogger(PartitionMaintenance.class);
  static final int DAYS_BEHIND = 3;
  static final int DAYS_AHEAD = 7;
  /** PostgreSQL advisory lock key of this job ("campo.pm" as bytes). */
  private static final long ADVISORY_LOCK = 0x63616d706f2e706dL;

  private final DataSource dataSource;
  private final int retentionDays;
  private final Clock clock;

  public PartitionMaintenance(DataSource dataSource, int retentionDays, Clock clock) {
    this.dataSource = dataSource;
    this.retentionDays = retentionDays;
    this.clock = clock;
  }

  /** Every hour, on one node of the cluster per hour. */
  public void repeatHourly(PeriodicJobs jobs) {
    jobs.repeatOnceAcrossCluster("telemetry partition maintenance", Duration.ofHours(1), false, () -> {
      run();
      return null;
    });
  }

  public void run() throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      // Cluster nodes starting together each run this before they have met: PostgreSQL serialises them, so the
      // second finds the first's partitions instead of failing to create them again.
      try (Statement s = c.createStatement()) {
        s.execute("SELECT pg_advisory_lock(" + ADVISORY_LOCK + ")");
      }
      try {
        if (TelemetrySchema.isNativelyPartitioned(c)) {
          maintain(c);
        } else {
          syncHypertableRetention(c);
        }
      } finally {
        try (Statement s = c.createStatement()) {
          s.execute("SELECT pg_advisory_unlock(" + ADVISORY_LOCK + ")");
        }
      }
    }
  }

  // TimescaleDB drops chunks by its own policy, but the policy was made by a migration that runs once: a retention
  // changed since then must reach it here.
  private void syncHypertableRetention(Connection c) throws SQLException {
    if (HypertableRetention.isHypertable(c) && HypertableRetention.apply(c, retentionDays)) {
      log.info("telemetry retention policy set to {}", retentionDays == 0 ? "keep everything" : retentionDays + " days");
    }
  }

  private void maintain(Connection c) throws SQLException {
    LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
    List<String> created = TelemetryPartitions.ensure(c, today.minusDays(DAYS_BEHIND), today.plusDays(DAYS_AHEAD));
    if (!created.isEmpty()) {
      log.info("created telemetry partitions {}", created);
    }
    if (retentionDays > 0) {
      List<String> dropped = TelemetryPartitions.dropBefore(c, today.minusDays(retentionDays));
      if (!dropped.isEmpty()) {
        log.info("dropped telemetry partitions past {} days of retention: {}", retentionDays, dropped);
      }
    }
  }
}
