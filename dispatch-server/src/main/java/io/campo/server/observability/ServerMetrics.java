package io.campo.server.observability;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.VertxOptions;
import io.vertx.core.spi.VertxMetricsFactory;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.time.Duration;

/**
 * The one Prometheus registry of a node, served at {@code /metrics}: Campo's ingest counters, Vert.x's own metrics
 * (HTTP server requests by route, method and status; event bus; worker pools; TCP servers), JVM, GC and process
 * metrics, and the connection pools' (HikariCP's tracker, see {@code Database}).
 *
 * <p>Latencies are Prometheus histograms with fixed buckets, not summaries: buckets of several nodes add up to the
 * cluster's distribution, quantiles of several nodes do not. Fixed buckets, few of them, because every bucket is a
 * series per route and status.
 *
 * <p>In cluster mode every series carries {@code node}: the tag is set before any meter exists (Micrometer applies
 * common tags only to meters registered after them).
 */
public final class ServerMetrics {

  /** HTTP answers: from a cached read to a report near its statement timeout. */
  static final Duration[] HTTP_BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
      Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
      Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30)};

  private final PrometheusMeterRegistry registry;
  private final String registryName = "campo-" + java.util.UUID.randomUUID();

  /** @param nodeId this node's name, or null when not clustered (then no {@code node} tag) */
  public ServerMetrics(String nodeId) {
    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    if (nodeId != null) {
      // One Prometheus scrapes every node: each series says which node it is from.
      registry.config().commonTags("node", nodeId);
    }
    // Vert.x Web names a request's route by every route it passed ("/api/>/api/>/api/agents": the token and body
    // handlers on /api/* come first); the last one is the route that answered.
    registry.config().meterFilter(MeterFilter.replaceTagValues("route", route -> route.substring(route.lastIndexOf('>') + 1)));
    registry.config().meterFilter(new MeterFilter() {
      @Override
      public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
        if (id.getType() == Meter.Type.TIMER && id.getName().startsWith("vertx.http.server.")) {
          return DistributionStatisticConfig.builder().serviceLevelObjectives(nanos(HTTP_BUCKETS)).build().merge(config);
        }
        return config;
      }
    });
    // Vert.x's JVM metrics (below) bind memory, GC, threads, classes, CPU and uptime; open files are not among them.
    new FileDescriptorMetrics().bindTo(registry);
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** Vert.x options that report into this registry (JVM and GC metrics included): for {@code VertxOptions}. */
  public MicrometerMetricsOptions vertxMetricsOptions() {
    // Not the event-bus address: reply addresses are one per request and would make a series each.
    // Vert.x keeps its registries in a JVM-wide map by name: two servers in one JVM (the cluster tests) under the
    // default name would report into whichever registered first.
    return new MicrometerMetricsOptions().setEnabled(true).setJvmMetricsEnabled(true).setRegistryName(registryName)
        .setLabels(java.util.EnumSet.of(Label.HTTP_ROUTE, Label.HTTP_METHOD, Label.HTTP_CODE, Label.POOL_TYPE,
            Label.POOL_NAME, Label.EB_SIDE, Label.EB_FAILURE));
  }

  /** Adds this registry's Vert.x metrics to {@code options}; pass {@link #vertxMetricsFactory} to the builder too. */
  public VertxOptions instrument(VertxOptions options) {
    return options.setMetricsOptions(vertxMetricsOptions());
  }

  public VertxMetricsFactory vertxMetricsFactory() {
    return new MicrometerMetricsFactory(registry);
  }

  private static double[] nanos(Duration[] buckets) {
    double[] out = new double[buckets.length];
    for (int i = 0; i < buckets.length; i++) {
      out[i] = buckets[i].toNanos();
    }
    return out;
  }
}
