package io.campo.server.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One debtor's contact rate per local hour of day, shrunk toward its segment (beta-binomial).
 *
 * <p>The segment's hour {@code h} gives the prior mean {@code m = (C + 1) / (A + 2)} from the
 * contacts {@code C} and attempts {@code A} of the segment's OTHER debtors (the debtor's own
 * visits would otherwise count twice), Laplace-smoothed so that an hour the segment never tried
 * starts at one half. The prior is {@code Beta(k·m, k·(1 − m))}: worth {@code k} visits
 * ({@code priorStrength}). With the debtor's own {@code x} contacts in {@code n} attempts the
 * posterior is {@code Beta(x + k·m, n − x + k·(1 − m))}, whose mean {@code (x + k·m) / (n + k)}
 * starts at the segment's rate and moves toward the debtor's own as its visits accumulate.
 */
public final class HourlyShrinkage {

  public static final double DEFAULT_PRIOR_STRENGTH = 10;
  /** A weekday prior never says "never" or "always": some evidence of the debtor's own can always move it. */
  static final double MIN_PRIOR = 0.01;
  static final double MAX_PRIOR = 0.99;

  /** One hour: the debtor's own counts, the segment's, the prior and the posterior. */
  public record Hour(int hour, long attempts, long contacts, long segmentAttempts, long segmentContacts,
      double priorMean, double alpha, double beta, double posteriorMean) {

    boolean hasEvidence() {
      return attempts > 0 || segmentAttempts > 0;
    }
  }

  private HourlyShrinkage() {}

  /**
   * @param own the debtor's attempts [0] and contacts [1] per hour (24 rows)
   * @param segment the other debtors' of its segment, the same way
   */
  public static List<Hour> hours(long[][] own, long[][] segment, double priorStrength) {
    List<Hour> out = new ArrayList<>();
    for (int h = 0; h < 24; h++) {
      long n = own[h][0];
      long x = own[h][1];
      double m = (segment[h][1] + 1.0) / (segment[h][0] + 2.0);
      double alpha = priorStrength * m;
      double beta = priorStrength * (1 - m);
      out.add(new Hour(h, n, x, segment[h][0], segment[h][1], m, alpha, beta, (x + alpha) / (n + priorStrength)));
    }
    return out;
  }

  /**
   * The debtor's hours on ISO weekday {@code day} (the day a plan is for), in two stages so that no visit counts twice.
   * The debtor's visits on the OTHER days, shrunk toward its segment as in {@link #hours}, give each hour's rate; the
   * segment's weekday effect at that hour — its rate on that weekday, itself shrunk toward its all-days rate with the
   * same strength, over the all-days rate — scales it into the prior for that weekday, worth {@code priorStrength}
   * visits (kept within [{@value #MIN_PRIOR}, {@value #MAX_PRIOR}]); the debtor's own visits on that weekday update it.
   * So salaried debtors the segment finds at home on Saturday mornings are expected at home on a Saturday morning even
   * when the debtor's own history is all weekday evenings; with no weekday pattern in the segment and no visit of its
   * own that weekday, the answer is {@link #hours}'s.
   *
   * <p>Each hour carries the debtor's all-days attempts and contacts (the evidence {@code LearnedWindows} asks of a
   * window), the segment's counts on that weekday, and the weekday's prior and posterior.
   *
   * @param day 1 (Monday) to 7 (Sunday)
   */
  public static List<Hour> hoursOn(DebtorContactHistory.Counts counts, int day, double priorStrength) {
    if (day < 1 || day > 7) {
      throw new IllegalArgumentException("ISO weekday 1..7, got " + day);
    }
    double k = priorStrength;
    List<Hour> out = new ArrayList<>();
    for (int h = 0; h < 24; h++) {
      long[] own = counts.own()[h];
      long[] ownOnDay = counts.ownByDay()[day][h];
      long[] segment = counts.segmentOthers()[h];
      long[] segmentOnDay = counts.segmentOthersByDay()[day][h];
      double m = (segment[1] + 1.0) / (segment[0] + 2.0);
      double segmentRateOnDay = (segmentOnDay[1] + k * m) / (segmentOnDay[0] + k);
      double otherDays = (own[1] - ownOnDay[1] + k * m) / (own[0] - ownOnDay[0] + k);
      double prior = Math.min(MAX_PRIOR, Math.max(MIN_PRIOR, otherDays * segmentRateOnDay / m));
      double alpha = k * prior;
      double beta = k * (1 - prior);
      out.add(new Hour(h, own[0], own[1], segmentOnDay[0], segmentOnDay[1], prior, alpha, beta,
          (ownOnDay[1] + alpha) / (ownOnDay[0] + k)));
    }
    return out;
  }

  /**
   * The hours to try first: highest posterior mean, then more of the debtor's own evidence, then
   * earlier. Hours nobody ever tried (neither the debtor nor its segment) are no recommendation.
   */
  public static List<Hour> best(List<Hour> hours, int limit) {
    return hours.stream().filter(Hour::hasEvidence)
        .sorted(Comparator.comparingDouble(Hour::posteriorMean).reversed()
            .thenComparing(Comparator.comparingLong(Hour::attempts).reversed())
            .thenComparingInt(Hour::hour))
        .limit(limit).toList();
  }
}
