package io.campo.load.cluster;

import java.nio.file.Path;

/**
 * How the harness starts one node.
 *
 * @param name the node's name in logs (CAMPO_NODE_ID)
 * @param clustered {@code serve --cluster} (Hazelcast member of the others) or a standalone server on the shared database
 * @param httpPort fixed so that a restarted node comes back where its clients expect it
 * @param mqttPort fixed, likewise: devices keep the list of node ports
 * @param clusterPort Hazelcast member port
 * @param log where the node's standard output and error go
 * @param heapMegabytes -Xmx of the node's JVM
 * @param quickJit C1 only: starts in a few seconds, runs slower (tests); off for benchmarks
 */
public record NodeSettings(String name, boolean clustered, int httpPort, int mqttPort, int clusterPort, Path log, int heapMegabytes,
    boolean quickJit) {}
