package io.campo.load.bench.cluster;

import io.campo.load.cluster.StoredFixes;
import io.campo.load.fleet.Reconnections.Reconnection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What one run of {@link ClusterBenchmark} measured.
 *
 * @param label what ran ("3 nodes, clustered")
 * @param nodes how many nodes ran
 * @param clustered whether they ran {@code serve --cluster}
 * @param killed whether one was killed mid-run
 * @param measured the measured stretch's length
 * @param acknowledged fixes acknowledged during the measured stretch
 * @param acknowledgedByNode the same by node name, attributed to the node the device was connected to
 * @param latencyMicros send → PUBACK over the measured stretch
 * @param failed publishes the devices gave up on (whole run)
 * @param unanswered publishes still without an answer a minute after the load stopped
 * @param stored the whole run's acknowledged fixes against the database
 * @param reconnections of the devices of the killed node (empty when nothing was killed)
 * @param walBytes write-ahead log PostgreSQL generated during the measured stretch
 * @param telemetryBytes the telemetry table with its indexes at the end of the run, for {@code stored.stored()} fixes
 * @param rejoinSeconds how long the killed node took from restart to ready (-1 when nothing was killed)
 */
record ClusterRunResult(String label, int nodes, boolean clustered, boolean killed, Duration measured, long acknowledged, Map<String, Long> acknowledgedByNode,
    Histogram latencyMicros, long failed, long unanswered, StoredFixes stored, List<Reconnection> reconnections,
    long walBytes, long telemetryBytes, double rejoinSeconds) {

  double fixesPerSecond() {
    return acknowledged / (measured.toMillis() / 1000.0);
  }

  /** Acknowledged fixes missing from the database, duplicates, publishes given up and publishes never answered. */
  long losses() {
    return stored.missing() + stored.duplicates() + failed + unanswered;
  }
}
