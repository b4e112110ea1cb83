package io.campo.server.portfolio;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * What a visit to a debtor is worth to the planner: each debt's aging bucket and amount band, and
 * its expected recovery — balance × the bucket's recovery rate × the promise factor (kept promises
 * raise it, broken ones lower it, within the rules' bounds). A debtor's visit value is the sum over
 * its debts, and its priority the first level whose {@code minValue} that sum reaches. Values are
 * whole units of the debts' currency (an agency works in one). Immutable and thread-safe; no I/O.
 */
public final class Segmentation {

  /** One debt's place in the portfolio. */
  public record DebtSegment(long daysPastDue, AgingBucket agingBucket, String amountBand, long visitValue) {}

  /** A debtor's: the worst bucket, the band of the total balance, the summed value and its priority. */
  public record DebtorSegment(long daysPastDue, AgingBucket agingBucket, String amountBand, long visitValue, String priority) {}

  private final SegmentationRules rules;

  public Segmentation(SegmentationRules rules) {
    this.rules = rules;
  }

  /** Days past due on {@code today} (the agency's local date); 0 when not yet due. */
  public static long daysPastDue(LocalDate dueDate, LocalDate today) {
    return Math.max(0, ChronoUnit.DAYS.between(dueDate, today));
  }

  public DebtSegment debt(BigDecimal balance, long daysPastDue, PromiseHistory promises) {
    AgingBucket bucket = AgingBucket.of(daysPastDue);
    BigDecimal expected = balance.multiply(BigDecimal.valueOf(rules.recoveryRate().get(bucket)))
        .multiply(BigDecimal.valueOf(promiseFactor(promises)));
    return new DebtSegment(daysPastDue, bucket, amountBand(balance), expected.setScale(0, RoundingMode.HALF_UP).longValueExact());
  }

  /**
   * @param balances each debt's balance, in the same order as {@code debts}
   */
  public DebtorSegment debtor(List<DebtSegment> debts, List<BigDecimal> balances) {
    long days = 0;
    AgingBucket worst = AgingBucket.CURRENT;
    long value = 0;
    for (DebtSegment d : debts) {
      days = Math.max(days, d.daysPastDue());
      worst = d.agingBucket().compareTo(worst) > 0 ? d.agingBucket() : worst;
      value += d.visitValue();
    }
    BigDecimal total = balances.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    return new DebtorSegment(days, worst, amountBand(total), value, priority(value));
  }

  /** Kept promises raise the expected recovery, broken ones lower it, clamped to the rules' bounds. */
  public double promiseFactor(PromiseHistory promises) {
    double f = 1 + rules.keptPromiseBonus() * promises.kept() - rules.brokenPromisePenalty() * promises.broken();
    return Math.min(rules.maxPromiseFactor(), Math.max(rules.minPromiseFactor(), f));
  }

  public String amountBand(BigDecimal balance) {
    for (SegmentationRules.AmountBand band : rules.amountBands()) {
      if (band.below() == null || balance.compareTo(band.below()) < 0) {
        return band.name();
      }
    }
    throw new IllegalStateException("the rules guarantee an unbounded last band");
  }

  public String priority(long visitValue) {
    for (SegmentationRules.PriorityLevel level : rules.priorities()) {
      if (visitValue >= level.minValue()) {
        return level.name();
      }
    }
    return rules.priorities().get(rules.priorities().size() - 1).name();
  }
}
