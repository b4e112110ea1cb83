package io.campo.server;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;

/**
 * Gives ZGC, the collector {@code ./campo} starts the server with, a soft heap limit of half the maximum heap when the
 * command line set none.
 *
 * <p>Why: with the JVM's default heap (a quarter of the RAM, starting at a sixty-fourth) ZGC lets the heap grow through
 * memory it has never touched, and the planner, which allocates fast, ran five times fewer search iterations: a day of
 * 100 agents and 3,000 visits got 728 iterations in 25 s where a soft limit of half the maximum heap gave 2,557–2,739 and a
 * fixed 2 GB heap 3,945 (docs/benchmarks.md). The limit is soft: ZGC collects sooner to stay under it but may still grow
 * to the maximum when the live data needs it. Set at run time rather than in the launcher so that it follows the
 * maximum the JVM chose (which heeds a container's memory limit) and can never exceed it; {@code SoftMaxHeapSize} is a
 * manageable option that ZGC reads at every cycle. Another collector, or a limit given on the command line
 * ({@code CAMPO_JAVA_OPTS=-XX:SoftMaxHeapSize=…}), is left alone.
 */
final class HeapSoftLimit {

  static final String OPTION = "SoftMaxHeapSize";

  private HeapSoftLimit() {}

  /** Applies the limit where it is due; returns the soft limit in force in bytes, 0 when the collector is not ZGC. */
  static long apply() {
    if (!zgc()) {
      return 0;
    }
    HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
    VMOption option = hotspot.getVMOption(OPTION);
    // the JVM itself sets it to the maximum heap (ERGONOMIC); any other origin is a choice someone made
    if (option.getOrigin() != VMOption.Origin.DEFAULT && option.getOrigin() != VMOption.Origin.ERGONOMIC) {
      return Long.parseLong(option.getValue());
    }
    long limit = Runtime.getRuntime().maxMemory() / 2;
    hotspot.setVMOption(OPTION, Long.toString(limit));
    return limit;
  }

  private static boolean zgc() {
    for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (collector.getName().startsWith("ZGC")) {
        return true;
      }
    }
    return false;
  }
}
