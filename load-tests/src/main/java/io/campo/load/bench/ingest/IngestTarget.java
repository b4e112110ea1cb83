package io.campo.load.bench.ingest;

import io.campo.load.fleet.AgentCredentials;
import java.util.List;
import java.util.OptionalLong;

/** A broker on this machine that the ingest load runs against, started for one run and stopped by {@link #close}. */
interface IngestTarget extends AutoCloseable {

  /** Always loopback: the benchmark never loads another machine. */
  String HOST = "127.0.0.1";

  String name();

  /** What its PUBACK promises, for the report. */
  String durability();

  int mqttPort();

  /** One login per simulated device. */
  List<AgentCredentials> devices();

  /** Fixes of this run's devices that it stored, counted where it stores them; empty when it stores nothing. */
  OptionalLong storedFixes() throws Exception;

  @Override
  void close();
}
