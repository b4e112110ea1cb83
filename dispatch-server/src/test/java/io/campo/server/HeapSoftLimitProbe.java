package io.campo.server;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import java.lang.management.ManagementFactory;

/** Run in a JVM of its own by {@link HeapSoftLimitTest}: applies the limit, prints it, the option's origin and value. */
final class HeapSoftLimitProbe {

  private HeapSoftLimitProbe() {}

  public static void main(String[] args) {
    long applied = HeapSoftLimit.apply();
    VMOption option = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).getVMOption(HeapSoftLimit.OPTION);
    System.out.println(applied + " " + option.getOrigin() + " " + option.getValue());
  }
}
