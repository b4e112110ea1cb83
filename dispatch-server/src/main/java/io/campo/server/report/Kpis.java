package io.campo.server.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The manager's indicators of one period from its {@link KpiInputs} (formulas in the README's
 * "KPIs" section). A value is null when its denominator is zero: "no visits" is not "0 minutes".
 * Values are rounded to 2 decimals. No I/O.
 */
public final class Kpis {

  /** The unit of each indicator, in the answer's order. */
  public static final Map<String, String> UNITS = units();

  private Kpis() {}

  private static Map<String, String> units() {
    Map<String, String> u = new LinkedHashMap<>();
    u.put("collectionPeriodDays", "days");
    u.put("averageDebtAgeDays", "days");
    u.put("overduePercent", "percent");
    u.put("clientsManagedPercent", "percent");
    u.put("recoveryRatePercent", "percent");
    u.put("promisesMade", "count");
    u.put("promisesKept", "count");
    u.put("promisesBroken", "count");
    u.put("visitsPerAgentDay", "count");
    u.put("averageVisitMinutes", "minutes");
    u.put("distanceKmPerAgentDay", "km");
    u.put("rejectedPercent", "percent");
    return Collections.unmodifiableMap(u);
  }

  /** Each indicator's value (null when undefined), in {@link #UNITS} order. */
  public static Map<String, Double> of(KpiInputs in, long days) {
    Map<String, Double> v = new LinkedHashMap<>();
    // DSO: average receivable balance / collections per day; the balance is today's (no history is kept).
    v.put("collectionPeriodDays", in.portfolioCollected().signum() == 0 ? null
        : ratio(in.openBalance().multiply(BigDecimal.valueOf(days)), in.portfolioCollected(), 1));
    v.put("averageDebtAgeDays", in.openBalance().signum() == 0 ? null : ratio(in.balanceDaysPastDue(), in.openBalance(), 1));
    v.put("overduePercent", in.openBalance().signum() == 0 ? null : ratio(in.overdueBalance(), in.openBalance(), 100));
    v.put("clientsManagedPercent", in.openDebtors() == 0 ? null : round(100.0 * in.managedDebtors() / in.openDebtors()));
    BigDecimal assigned = in.collected().add(in.workedBalance());
    v.put("recoveryRatePercent", assigned.signum() == 0 ? null : ratio(in.collected(), assigned, 100));
    v.put("promisesMade", (double) in.promises());
    v.put("promisesKept", (double) in.promisesKept());
    v.put("promisesBroken", (double) in.promisesBroken());
    long agentDays = in.agentDays();
    v.put("visitsPerAgentDay", agentDays == 0 ? null : round((double) in.attempts() / agentDays));
    v.put("averageVisitMinutes", in.timed() == 0 ? null : round(in.visitSeconds() / 60 / in.timed()));
    v.put("distanceKmPerAgentDay", agentDays == 0 ? null : round(in.distanceMeters() / 1000 / agentDays));
    v.put("rejectedPercent", in.visits() == 0 ? null : round(100.0 * in.rejected() / in.visits()));
    return v;
  }

  private static double ratio(BigDecimal numerator, BigDecimal denominator, int scale) {
    return numerator.multiply(BigDecimal.valueOf(scale)).divide(denominator, 2, RoundingMode.HALF_UP).doubleValue();
  }

  static double round(double value) {
    return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).doubleValue();
  }
}
