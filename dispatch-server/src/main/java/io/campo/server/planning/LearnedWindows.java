package io.campo.server.planning;

import io.campo.routing.api.Agent;
import io.campo.routing.api.TimeWindow;
import io.campo.server.report.HourlyShrinkage;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;

/**
 * Turns a debtor's posterior contact probability per local hour ({@link HourlyShrinkage}) into
 * the visit's preferred time windows and the contact probability its value is scaled by.
 *
 * <p>The planner's windows are HARD (jsprit: service must start inside one), so a window is a
 * promise to the solver that it may not visit the debtor at any other time. A window is made only
 * where it clearly helps:
 * <ul>
 *   <li>only inside the agents' shifts: the <em>slots</em> are the whole local hours during which some
 *       agent is on shift, so a windowed visit can always be served by someone;</li>
 *   <li>only for a debtor with history of its own: at least {@value #MIN_OWN_ATTEMPTS} attempts of
 *       its own (a debtor seen twice, or never, keeps the planner free; its segment's pattern alone
 *       only scales its value);</li>
 *   <li>"clearly above average": a run of consecutive slots whose posterior is each at least
 *       {@value #RATIO}× the debtor's own average over all slots, in which the debtor itself was
 *       reached at least {@value #MIN_WINDOW_CONTACTS} times;</li>
 *   <li>at most {@value #MAX_WINDOWS} such runs (highest mean posterior first), and none at all
 *       when they would cover more than half of the slots: a "preference" that wide is no
 *       preference and would only cost the solver flexibility.</li>
 * </ul>
 * The expected contact probability is the mean posterior over the best window's hours when there
 * are windows, else the mean over all slots (the planner may come at any of them).
 *
 * <p>Plain Java, immutable results.
 */
public final class LearnedWindows {

  static final int MIN_OWN_ATTEMPTS = 5;
  static final double RATIO = 1.15;
  static final int MIN_WINDOW_CONTACTS = 2;
  static final int MAX_WINDOWS = 2;
  static final double MAX_COVERAGE = 0.5;

  /** One whole local hour during some agent's shift: it starts at {@code start}, hour of day {@code hour}. */
  public record Slot(Instant start, int hour) {}

  /** The windows (empty: none) and the expected contact probability when the visit is made. */
  public record Learned(List<TimeWindow> windows, double contactProbability) {}

  private LearnedWindows() {}

  /** The whole local hours inside any agent's shift, each once, in time order. */
  public static List<Slot> slots(Collection<Agent> agents, ZoneId zone) {
    TreeMap<Instant, Slot> slots = new TreeMap<>();
    for (Agent agent : agents) {
      ZonedDateTime t = agent.shiftStart().atZone(zone);
      ZonedDateTime hour = t.truncatedTo(ChronoUnit.HOURS);
      if (hour.isBefore(t)) {
        hour = hour.plusHours(1);
      }
      for (; !hour.plusHours(1).toInstant().isAfter(agent.shiftEnd()); hour = hour.plusHours(1)) {
        slots.putIfAbsent(hour.toInstant(), new Slot(hour.toInstant(), hour.getHour()));
      }
    }
    return List.copyOf(slots.values());
  }

  /** @param hours the debtor's 24 hours from {@link HourlyShrinkage#hours} */
  public static Learned derive(List<HourlyShrinkage.Hour> hours, List<Slot> slots) {
    if (slots.isEmpty()) {
      return new Learned(List.of(), 0.5);
    }
    double average = slots.stream().mapToDouble(s -> hours.get(s.hour()).posteriorMean()).average().orElseThrow();
    long ownAttempts = hours.stream().mapToLong(HourlyShrinkage.Hour::attempts).sum();
    if (ownAttempts < MIN_OWN_ATTEMPTS) {
      return new Learned(List.of(), average);
    }
    record Run(Instant start, Instant end, int length, double meanPosterior) {}
    List<Run> runs = new ArrayList<>();
    int i = 0;
    while (i < slots.size()) {
      if (hours.get(slots.get(i).hour()).posteriorMean() < RATIO * average) {
        i++;
        continue;
      }
      int j = i;
      while (j + 1 < slots.size() && slots.get(j + 1).start().equals(slots.get(j).start().plus(Duration.ofHours(1)))
          && hours.get(slots.get(j + 1).hour()).posteriorMean() >= RATIO * average) {
        j++;
      }
      double sum = 0;
      long contacts = 0;
      for (int k = i; k <= j; k++) {
        HourlyShrinkage.Hour h = hours.get(slots.get(k).hour());
        sum += h.posteriorMean();
        contacts += h.contacts();
      }
      if (contacts >= MIN_WINDOW_CONTACTS) {
        runs.add(new Run(slots.get(i).start(), slots.get(j).start().plus(Duration.ofHours(1)), j - i + 1, sum / (j - i + 1)));
      }
      i = j + 1;
    }
    List<Run> chosen = runs.stream().sorted(Comparator.comparingDouble(Run::meanPosterior).reversed()
        .thenComparing(Run::start)).limit(MAX_WINDOWS).toList();
    if (chosen.isEmpty() || chosen.stream().mapToInt(Run::length).sum() > MAX_COVERAGE * slots.size()) {
      return new Learned(List.of(), average);
    }
    List<TimeWindow> windows = chosen.stream().sorted(Comparator.comparing(Run::start))
        .map(r -> new TimeWindow(r.start(), r.end())).toList();
    return new Learned(windows, chosen.get(0).meanPosterior());
  }
}
