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

  public static void within(Runnable action) {
    long started = THREADS.getCurrentThreadCpuTime();
    action.run();
    long millis = (THREADS.getCurrentThreadCpuTime() - started) / 1_000_000;
    assertTrue(millis <= MAX_MILLIS, "one input took " + millis + " ms of CPU");
  }
}
