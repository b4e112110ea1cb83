package io.campo.server.planning;

import io.campo.routing.api.Agent;
import io.campo.routing.api.Visit;
import io.campo.server.report.DebtorContactHistory;
import io.campo.server.report.HourlyShrinkage;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The loop from outcomes to routes: gives the visits drawn from the portfolio the windows their
 * debtors' contact history has learned for the planned day's weekday ({@link LearnedWindows}) and scales each visit's value by
 * the probability of finding the debtor, so the solver prefers visits likely to succeed. The
 * history of all the visits is read at once ({@link DebtorContactHistory#counts(Collection)}).
 *
 * <p>Blocking (JDBC); thread-safe.
 */
public final class ContactWindowing {

  /** The visits with learned windows and scaled values, and how many got windows. */
  public record Applied(List<Visit> visits, int windowed) {}

  private final DebtorContactHistory history;
  private final ZoneId zone;

  public ContactWindowing(DebtorContactHistory history, ZoneId zone) {
    this.history = history;
    this.zone = zone;
  }

  /**
   * @param drawn visits whose ids are debtors' external ids (a visit with no such debtor is kept as it is)
   * @param date the planned day: its weekday's pattern is the one learned ({@link HourlyShrinkage#hoursOn})
   */
  public Applied apply(List<Visit> drawn, Collection<Agent> agents, LocalDate date) throws SQLException {
    Map<String, DebtorContactHistory.Counts> counts = history.counts(drawn.stream().map(Visit::id).toList());
    List<LearnedWindows.Slot> slots = LearnedWindows.slots(agents, zone);
    List<Visit> out = new ArrayList<>(drawn.size());
    int windowed = 0;
    for (Visit v : drawn) {
      DebtorContactHistory.Counts c = counts.get(v.id());
      if (c == null) {
        out.add(v);
        continue;
      }
      LearnedWindows.Learned learned = LearnedWindows.derive(
          HourlyShrinkage.hoursOn(c, date.getDayOfWeek().getValue(), HourlyShrinkage.DEFAULT_PRIOR_STRENGTH), slots);
      windowed += learned.windows().isEmpty() ? 0 : 1;
      long value = Math.max(1, Math.round(v.value() * learned.contactProbability()));
      out.add(new Visit(v.id(), v.location(), v.serviceTime(), learned.windows(), value, v.requiredSkills(), v.mustVisit()));
    }
    return new Applied(out, windowed);
  }
}
