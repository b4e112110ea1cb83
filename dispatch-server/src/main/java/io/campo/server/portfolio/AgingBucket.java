package io.campo.server.portfolio;

/** How late a debt is, in the buckets collection agencies report by. */
public enum AgingBucket {
  CURRENT("current", 0),
  DAYS_1_30("1-30", 30),
  DAYS_31_60("31-60", 60),
  DAYS_61_90("61-90", 90),
  DAYS_90_PLUS("90+", Long.MAX_VALUE);

  private final String label;
  private final long maxDaysPastDue;

  AgingBucket(String label, long maxDaysPastDue) {
    this.label = label;
    this.maxDaysPastDue = maxDaysPastDue;
  }

  /** As written in rules files and answers: {@code current}, {@code 1-30}, … {@code 90+}. */
  public String label() {
    return label;
  }

  public static AgingBucket of(long daysPastDue) {
    for (AgingBucket b : values()) {
      if (daysPastDue <= b.maxDaysPastDue) {
        return b;
      }
    }
    return DAYS_90_PLUS;
  }

  public static AgingBucket ofLabel(String label) {
    for (AgingBucket b : values()) {
      if (b.label.equals(label)) {
        return b;
      }
    }
    throw new IllegalArgumentException("unknown aging bucket '" + label + "'; use current, 1-30, 31-60, 61-90 or 90+");
  }
}
