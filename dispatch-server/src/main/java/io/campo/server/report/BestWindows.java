package io.campo.server.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Recommends when to visit: every run of 1 to {@link #MAX_HOURS} consecutive hours of one weekday
 * whose cells all have enough attempts, pooled (contacts and attempts summed), ranked by the
 * Wilson lower bound of the pooled rate, and picked best first without overlaps.
 *
 * <p>Ranking by the lower bound rather than the rate prefers a well-evidenced 60 % over a lucky
 * 3 out of 3; pooling lets two consistent neighbouring hours outrank either alone, because more
 * evidence tightens the interval. A sparse hour breaks a run: the recommendation never leans on
 * an hour we know too little about; nor is a window where nobody was ever reached a recommendation.
 * Windows do not wrap past midnight.
 */
public final class BestWindows {

  public static final int MAX_HOURS = 3;

  /** Hours {@code [startHour, endHour)} of {@code weekday}. */
  public record Window(int weekday, int startHour, int endHour, long attempts, long contacts, WilsonInterval interval) {

    boolean overlaps(Window o) {
      return weekday == o.weekday && startHour < o.endHour && o.startHour < endHour;
    }
  }

  private static final Comparator<Window> BEST_FIRST = Comparator
      .comparingDouble((Window w) -> w.interval().lower()).reversed()
      .thenComparing(Comparator.comparingLong(Window::attempts).reversed())
      .thenComparingInt(Window::weekday)
      .thenComparingInt(Window::startHour)
      .thenComparingInt(Window::endHour);

  private BestWindows() {}

  /**
   * @param minAttempts a cell with fewer attempts is sparse and ends any window
   * @param limit how many windows at most
   */
  public static List<Window> rank(ContactCounts counts, int minAttempts, int limit) {
    List<Window> candidates = new ArrayList<>();
    for (int day = 1; day <= 7; day++) {
      for (int start = 0; start < 24; start++) {
        long attempts = 0;
        long contacts = 0;
        for (int end = start + 1; end <= Math.min(24, start + MAX_HOURS); end++) {
          long cellAttempts = counts.attempts(day, end - 1);
          if (cellAttempts < minAttempts || cellAttempts == 0) {
            break;
          }
          attempts += cellAttempts;
          contacts += counts.contacts(day, end - 1);
          candidates.add(new Window(day, start, end, attempts, contacts, WilsonInterval.of(contacts, attempts)));
        }
      }
    }
    candidates.sort(BEST_FIRST);
    List<Window> chosen = new ArrayList<>();
    for (Window w : candidates) {
      if (chosen.size() == limit) {
        break;
      }
      if (w.contacts() > 0 && chosen.stream().noneMatch(w::overlaps)) {
        chosen.add(w);
      }
    }
    return chosen;
  }
}
