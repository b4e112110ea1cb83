package io.campo.load.bench.agentapp;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * The agent app's figures against the targets: first load ≤ 300 KB (compressed, map tiles excluded), usable
 * ≤ 3 s on "Fast 3G", offline reload ≤ 1.5 s, a 40-stop day ≤ 200 KB.
 *
 * @param firstLoadBytes per run: encoded bytes of every response the page received from the server on its first load
 * @param usableMillis per run: navigation start to the day's list showing every stop, throttled
 * @param offlineReloadMillis per run: reload start to the list showing, offline
 * @param dayRawBytes {@code GET /api/me/day} body without compression
 * @param dayGzipBytes the same with {@code Accept-Encoding: gzip}
 */
public record AgentAppReport(int stops, List<Long> firstLoadBytes, List<Long> usableMillis, List<Long> offlineReloadMillis,
    long dayRawBytes, long dayGzipBytes) {

  public static final long FIRST_LOAD_TARGET_BYTES = 300 * 1024;
  public static final long USABLE_TARGET_MILLIS = 3_000;
  public static final long OFFLINE_RELOAD_TARGET_MILLIS = 1_500;
  public static final long DAY_TARGET_BYTES = 200 * 1024;

  /** Every figure within its target (each run's worst counts). */
  public boolean allMet() {
    return max(firstLoadBytes) <= FIRST_LOAD_TARGET_BYTES && max(usableMillis) <= USABLE_TARGET_MILLIS
        && max(offlineReloadMillis) <= OFFLINE_RELOAD_TARGET_MILLIS && dayRawBytes <= DAY_TARGET_BYTES;
  }

  public void print(PrintStream out) {
    out.println("agent app (/agent/), " + stops + "-stop day");
    line(out, "first load, compressed, no tiles", kb(firstLoadBytes), "≤ 300 KB", max(firstLoadBytes) <= FIRST_LOAD_TARGET_BYTES);
    line(out, "usable on Fast 3G", ms(usableMillis), "≤ 3000 ms", max(usableMillis) <= USABLE_TARGET_MILLIS);
    line(out, "offline reload", ms(offlineReloadMillis), "≤ 1500 ms", max(offlineReloadMillis) <= OFFLINE_RELOAD_TARGET_MILLIS);
    line(out, "GET /api/me/day", String.format(Locale.ROOT, "%.1f KB raw, %.1f KB gzip", dayRawBytes / 1024.0, dayGzipBytes / 1024.0),
        "≤ 200 KB", dayRawBytes <= DAY_TARGET_BYTES);
  }

  private static void line(PrintStream out, String what, String value, String target, boolean met) {
    out.printf(Locale.ROOT, "  %-34s %-28s target %-10s %s%n", what, value, target, met ? "met" : "MISSED");
  }

  static String kb(List<Long> bytes) {
    return join(bytes.stream().map(b -> String.format(Locale.ROOT, "%.1f", b / 1024.0)).toList()) + " KB";
  }

  static String ms(List<Long> millis) {
    return join(millis.stream().map(String::valueOf).toList()) + " ms";
  }

  private static String join(List<String> values) {
    return String.join(" / ", values);
  }

  private static long max(List<Long> values) {
    return values.stream().mapToLong(Long::longValue).max().orElse(Long.MAX_VALUE);
  }
}
