package io.campo.server;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The fuzz tests' time rule: no input may cost more than {@value #MAX_MILLIS} ms. Measured in the thread's CPU time,
 * not wall time, so that a busy shared machine or a GC pause does not fail a test that an exponential parse would.
 */
public final class CpuBudget {

  static final long MAX_MILLIS = 100;
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private CpuBudget() {}

  /**
   * Runs a valid input once, unmeasured: the first call loads and initialises the target's classes, a cost of the
   * JVM and not of any input.
   */
  public static void warmUp(Runnable validInput) {
    try {
      validInput.run();
    } catch (RuntimeException e) {
      throw new IllegalStateException("the warm-up input must be valid", e);
    }
  }

  /**
   * Fails when {@code action} costs over the budget twice in a row. The first run of an input may be the first to
   * reach a lazily loaded part of a library (libphonenumber loads a region's metadata on first use, Jazzer instruments
   * each class as it loads): a one-time cost of the JVM that the second run no longer pays, while an exponential
   * parse costs as much every time.
   */
  public static void within(Runnable action) {
    if (cpuMillis(action) <= MAX_MILLIS) {
      return;
    }
    long millis = cpuMillis(action);
    assertTrue(millis <= MAX_MILLIS, "one input took " + millis + " ms of CPU, twice");
  }

  private static long cpuMillis(Runnable action) {
    long started = THREADS.getCurrentThreadCpuTime();
    action.run();
    return (THREADS.getCurrentThreadCpuTime() - started) / 1_000_000;
  }
}
