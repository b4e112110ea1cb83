package io.campo.server.report;

/**
 * The 95 % Wilson score interval of a proportion: unlike the normal approximation it stays inside
 * [0, 1] and stays honest for small counts and for rates near 0 or 1 (3 contacts out of 3 is
 * [0.44, 1], not [1, 1]), which is what ranking hours by their lower bound needs.
 */
public record WilsonInterval(double rate, double lower, double upper) {

  /** The two-sided 95 % normal quantile. */
  public static final double Z95 = 1.959963984540054;

  /**
   * @param successes contacts, 0..trials
   * @param trials attempts, at least 1
   */
  public static WilsonInterval of(long successes, long trials) {
    if (trials <= 0 || successes < 0 || successes > trials) {
      throw new IllegalArgumentException("need 0 <= successes <= trials and trials > 0, got " + successes + "/" + trials);
    }
    double n = trials;
    double p = successes / n;
    double z2 = Z95 * Z95;
    double denominator = 1 + z2 / n;
    double centre = (p + z2 / (2 * n)) / denominator;
    double half = Z95 / denominator * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n));
    // Clamped because rounding may put 0/n or n/n a hair outside [0, 1].
    return new WilsonInterval(p, Math.max(0, centre - half), Math.min(1, centre + half));
  }
}
