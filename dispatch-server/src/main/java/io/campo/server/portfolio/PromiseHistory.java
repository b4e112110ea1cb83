package io.campo.server.portfolio;

/**
 * A debtor's record of promises to pay: how many were kept (paid on time) and broken, as
 * {@link PromiseRecords} derives them from visits; {@link #NONE} for a debtor without any.
 */
public record PromiseHistory(int kept, int broken) {

  public static final PromiseHistory NONE = new PromiseHistory(0, 0);

  public PromiseHistory {
    if (kept < 0 || broken < 0) {
      throw new IllegalArgumentException("promise counts cannot be negative: kept " + kept + ", broken " + broken);
    }
  }
}
