package io.campo.server.report;

/**
 * Attempts and contacts per ISO weekday (1 Monday .. 7 Sunday) and local hour (0..23). Mutable
 * while a query fills it, then only read.
 */
public final class ContactCounts {

  private final long[][] attempts = new long[8][24];
  private final long[][] contacts = new long[8][24];

  /** Adds to one cell. */
  public void add(int weekday, int hour, long cellAttempts, long cellContacts) {
    if (weekday < 1 || weekday > 7 || hour < 0 || hour > 23) {
      throw new IllegalArgumentException("no cell " + weekday + "/" + hour);
    }
    attempts[weekday][hour] += cellAttempts;
    contacts[weekday][hour] += cellContacts;
  }

  public long attempts(int weekday, int hour) {
    return attempts[weekday][hour];
  }

  public long contacts(int weekday, int hour) {
    return contacts[weekday][hour];
  }

  public long totalAttempts() {
    long sum = 0;
    for (int d = 1; d <= 7; d++) {
      for (int h = 0; h < 24; h++) {
        sum += attempts[d][h];
      }
    }
    return sum;
  }

  public long totalContacts() {
    long sum = 0;
    for (int d = 1; d <= 7; d++) {
      for (int h = 0; h < 24; h++) {
        sum += contacts[d][h];
      }
    }
    return sum;
  }
}
