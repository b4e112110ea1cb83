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
