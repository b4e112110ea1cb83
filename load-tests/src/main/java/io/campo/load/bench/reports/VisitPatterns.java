package io.campo.load.bench.reports;

import java.time.LocalDate;

/**
 * When collectors knock and how often someone opens: the shapes the generated visits follow, so
 * that the contact-hour report has something to show (a busy late morning, doors that open more
 * in the evening, quiet Sundays). The figures are plausible, not measured from a real agency.
 */
final class VisitPatterns {

  /** Relative visit volume per ISO weekday, Monday first: Saturdays half a day, Sundays almost nobody. */
  static final double[] WEEKDAY_WEIGHT = {1.0, 1.0, 1.0, 1.0, 0.95, 0.6, 0.1};

  /** Relative visit volume per local hour 0..23: nobody before 7 or after 21, a dip at lunch. */
  static final double[] HOUR_WEIGHT = {
      0, 0, 0, 0, 0, 0, 0, 0.3, 0.8, 1.0, 1.1, 1.1, 1.0, 0.7, 0.6, 0.8, 0.9, 0.9, 0.8, 0.6, 0.3, 0.1, 0, 0};

  /** Chance that someone answers the door, per local hour: people are home early and in the evening. */
  static final double[] CONTACT_BY_HOUR = {
      0, 0, 0, 0, 0, 0, 0, 0.55, 0.5, 0.42, 0.38, 0.35, 0.35, 0.4, 0.38, 0.36, 0.4, 0.48, 0.55, 0.6, 0.62, 0.58, 0, 0};

  private VisitPatterns() {}

  /**
   * Where each of {@code weights}' buckets starts on [0, 1), cumulated and normalised: PostgreSQL's
   * {@code width_bucket(random(), starts)} then picks bucket i (1-based) with probability weight[i-1] / sum.
   * A zero-weight bucket shares its start with the next one and is never picked.
   */
  static Double[] bucketStarts(double[] weights) {
    double total = 0;
    for (double w : weights) {
      if (w < 0) {
        throw new IllegalArgumentException("negative weight " + w);
      }
      total += w;
    }
    if (total <= 0) {
      throw new IllegalArgumentException("all weights are zero");
    }
    Double[] starts = new Double[weights.length];
    double cumulative = 0;
    for (int i = 0; i < weights.length; i++) {
      starts[i] = cumulative / total;
      cumulative += weights[i];
    }
    return starts;
  }

  /** Bucket starts for the days {@code first}..{@code first + days - 1}, weighted by their weekday. */
  static Double[] dayStarts(LocalDate first, int days) {
    double[] weights = new double[days];
    for (int d = 0; d < days; d++) {
      weights[d] = WEEKDAY_WEIGHT[first.plusDays(d).getDayOfWeek().getValue() - 1];
    }
    return bucketStarts(weights);
  }

  static Double[] boxed(double[] values) {
    Double[] boxed = new Double[values.length];
    for (int i = 0; i < values.length; i++) {
      boxed[i] = values[i];
    }
    return boxed;
  }
}
