package io.campo.tracking.ingest;

import io.campo.tracking.telemetry.RejectionReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The ingest path's counters, one place so the names stay consistent. Thread-safe. */
public final class IngestMetrics {

  private final Counter received;
  private final Counter stored;
  private final Counter duplicates;
  private final Counter offDuty;
  private final Map<RejectionReason, Counter> rejected = new EnumMap<>(RejectionReason.class);
  private final Counter writeFailures;
  private final Counter saturated;
  private final Counter deadlocks;
  private final DistributionSummary batchSize;
  private final Timer commitLatency;

  public IngestMetrics(MeterRegistry registry) {
    received = Counter.builder("campo.fixes.received").description("fixes decoded from publishes").register(registry);
    stored = Counter.builder("campo.fixes.stored").description("fixes committed for the first time").register(registry);
    duplicates = Counter.builder("campo.fixes.duplicate").description("redelivered fixes that were already stored").register(registry);
    // Prometheus: campo_telemetry_off_duty_total. Acknowledged, never stored: not a rejection the phone must act on.
    offDuty = Counter.builder("campo.telemetry.off.duty").description("fixes taken off duty: acknowledged, not stored")
        .register(registry);
    for (RejectionReason r : RejectionReason.values()) {
      rejected.put(r, Counter.builder("campo.fixes.rejected").tag("reason", r.code())
          .description("fixes or publishes refused, by reason").register(registry));
    }
    writeFailures = Counter.builder("campo.telemetry.write.failures").description("batch attempts the database refused").register(registry);
    saturated = Counter.builder("campo.telemetry.write.saturated").description("publishes refused because the writer was full").register(registry);
    deadlocks = Counter.builder("campo.telemetry.write.deadlocks")
        .description("batch attempts PostgreSQL aborted as deadlocked (retried; each held acknowledgements ~1 s)").register(registry);
    // Histograms with fixed buckets, not client-side percentiles: the buckets of several nodes add up in Prometheus,
    // percentiles do not. Recording one is a bucket search and two adds: per batch, never per fix.
    batchSize = DistributionSummary.builder("campo.telemetry.batch.size").description("fixes per committed transaction")
        .serviceLevelObjectives(1, 10, 50, 100, 250, 500, 1000, 2500, 5000, 10000).register(registry);
    commitLatency = Timer.builder("campo.telemetry.commit.latency").description("time to write and commit one batch")
        .serviceLevelObjectives(Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10),
            Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5))
        .register(registry);
  }

  public void received(int n) {
    received.increment(n);
  }

  public void offDuty(int n) {
    offDuty.increment(n);
  }

  public void rejected(RejectionReason reason) {
    rejected.get(reason).increment();
  }

  void committed(int batchFixes, int inserted, long nanos) {
    stored.increment(inserted);
    duplicates.increment(batchFixes - inserted);
    batchSize.record(batchFixes);
    commitLatency.record(nanos, TimeUnit.NANOSECONDS);
  }

  void writeFailed() {
    writeFailures.increment();
  }

  void deadlocked() {
    deadlocks.increment();
  }

  void saturated() {
    saturated.increment();
  }
}
