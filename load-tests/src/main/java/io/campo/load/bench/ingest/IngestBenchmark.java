package io.campo.load.bench.ingest;

import io.campo.load.bench.BenchCommand;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * {@code ./campo bench ingest}: how many fixes per second Campo stores durably, and how long a
 * device waits for its PUBACK, measured with real MQTT clients over loopback against the real
 * server in this JVM; optionally the same load against a bare Mosquitto for scale.
 *
 * <p>Every fix acknowledged must be in the database afterwards: the run counts them there and
 * exits with status 1 when one is missing.
 */
public final class IngestBenchmark implements BenchCommand {

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(60);
  private static final long SEED = 42;

  private final PrintStream out = System.out;

  @Override
  public String name() {
    return "ingest";
  }

  @Override
  public String usage() {
    return IngestOptions.USAGE;
  }

  @Override
  public int run(List<String> args) throws Exception {
    IngestOptions options = IngestOptions.parse(args);
    String command = "./campo bench ingest" + (args.isEmpty() ? "" : " " + String.join(" ", args));
    // Run-unique agent ids keep this run's rows apart on a shared CAMPO_DB_URL.
    String runId = Long.toString(System.currentTimeMillis(), 36);
    out.println("campo bench ingest: " + options.describe());
    out.println("starting Campo in this JVM (fresh data folder; CAMPO_DB_URL is used when set) ...");

    List<LoadResult> results = new ArrayList<>();
    int status = 0;
    LoadResult campo;
    if (options.compareGeofences() > 0) {
      // On, off, off, on: the JVM warms up over the runs (more so on a busy machine), and this order gives each side
      // the same share of early and late runs.
      out.printf("with %,d debtors' geofences: four runs, with arrival/departure evaluation at ingest (on) and without"
          + " (off), in the order on, off, off, on%n", options.compareGeofences());
      List<LoadResult> on = new ArrayList<>();
      List<LoadResult> off = new ArrayList<>();
      // And before them a run not counted: the first run of a JVM is slower whatever it runs (measured here: 1,750 fixes/s
      // with the check, then 6,020 and 12,195 without it and 8,072 with it again, on a busy machine).
      try (CampoTarget target = CampoTarget.start(System.getenv(), options.agents(), runId + "w", options.compareGeofences(), true)) {
        out.println("warming the JVM up (not counted) ...");
        measure(target, options);
      }
      int round = 0;
      for (boolean evaluate : new boolean[] {true, false, false, true}) {
        LoadResult r;
        try (CampoTarget target = CampoTarget.start(System.getenv(), options.agents(), runId + "r" + round++,
            options.compareGeofences(), evaluate)) {
          r = measure(target, options);
          if (evaluate) {
            long crossings = target.storedCrossings();
            out.printf("%s: %,d arrivals and departures stored (one per %,.0f fixes acknowledged); the check took %,.0f ns"
                    + " per fix on the ingest thread%n", target.name(), crossings,
                crossings == 0 ? Double.NaN : r.acknowledged() / (double) crossings, target.geofenceNanosPerFix());
          }
        }
        results.add(r);
        (evaluate ? on : off).add(r);
        IngestReport.printResult(out, r, options);
        status = Math.max(status, r.lost().orElse(0) > 0 ? 1 : 0);
      }
      IngestReport.printGeofenceCost(out, on, off);
      campo = results.stream().max(java.util.Comparator.comparingLong(r -> r.lost().orElse(0))).orElseThrow();
    } else {
      try (CampoTarget target = CampoTarget.start(System.getenv(), options.agents(), runId)) {
        campo = measure(target, options);
      }
      results.add(campo);
      IngestReport.printResult(out, campo, options);
    }

    status = Math.max(status, campo.lost().orElse(0) > 0 ? 1 : 0);
    if (options.baselineMosquitto()) {
      try {
        Path mosquitto = MosquittoInstaller.ensureInstalled(out);
        LoadResult baseline;
        try (MosquittoTarget target = MosquittoTarget.start(mosquitto, options.agents(), runId)) {
          out.println();
          out.println("starting the baseline: " + target.name() + " on 127.0.0.1:" + target.mqttPort() + " ...");
          baseline = measure(target, options);
        }
        results.add(baseline);
        IngestReport.printResult(out, baseline, options);
        IngestReport.printComparison(out, campo, baseline);
      } catch (IllegalStateException e) {
        System.err.println("campo bench ingest: the Mosquitto baseline could not run: " + e.getMessage());
        status = Math.max(status, 3);
      }
    }
    IngestReport.printSummary(out, command, options, results);
    if (campo.lost().orElse(0) > 0) {
      System.err.println("campo bench ingest: " + campo.lost().getAsLong() + " acknowledged fixes are not in the database");
    }
    return status;
  }

  private LoadResult measure(IngestTarget target, IngestOptions options) throws Exception {
    out.println(target.name() + ": connecting " + options.agents() + " devices (MQTT " + options.mqtt().label() + ") ...");
    LoadTally tally = new LoadTally();
    FixStream fixes = new FixStream(options.agents(), SEED);
    LoadPhases phases;
    long notSent;
    OptionalInt receiveMaximum;
    try (ConnectedDevices devices = ConnectedDevices.connect(target, options.mqtt(), CONNECT_TIMEOUT)) {
      out.println(target.name() + ": load running ...");
      phases = LoadPhases.startingNow(options.warmup(), options.duration());
      ProgressLine progress = new ProgressLine(out, tally, phases);
      try {
        notSent = options.closedLoop()
            ? new ClosedLoopLoad(options).run(devices, fixes, phases, tally)
            : new OpenLoopLoad(options).run(devices, fixes, phases, tally);
      } finally {
        progress.close();
      }
      receiveMaximum = devices.receiveMaximum();
    }
    OptionalLong stored = target.storedFixes();
    long lastAck = tally.lastMeasuredAckNanos();
    double measuredSeconds = lastAck == 0 ? 0 : Math.max(0, lastAck - phases.measureStartNanos()) / 1e9;
    return new LoadResult(target.name(), target.durability(), tally.sent(), tally.acknowledged(), tally.refused(), tally.failed(),
        notSent, stored, tally.measuredAcknowledged(), measuredSeconds, tally.latencies(), tally.senderLags(), tally.firstRefusal(),
        tally.firstFailure(), receiveMaximum, fixes.maxLeadMillis());
  }
}
