package io.campo.server.planning;

import io.campo.routing.api.Agent;
import io.campo.routing.api.AgentBreak;
import io.campo.routing.api.TimeWindow;
import io.campo.routing.api.Visit;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * The days of a multi-day plan ({@code "days": n}): each agent works the same local hours every day (08:00–17:00 stays
 * 08:00–17:00 across a daylight-saving change), and a listed visit is offered on the days its windows touch (a visit
 * without windows, every day until it is planned; one whose windows touch none, on the last day, to be explained). Windows are instants: {@code "09:00"} in a request is on its first
 * day, so a visit for a later day names its window with a date ({@code "2026-12-03T09:00:00-06:00"}).
 *
 * <p>Plain Java; stateless.
 */
final class PlanDays {

  /** A week: beyond it the portfolio, the promises and the agents' availability will have changed anyway. */
  static final int MAX_DAYS = 7;

  private PlanDays() {}

  static Agent onDay(Agent a, int day, ZoneId zone) {
    if (day == 0) {
      return a;
    }
    Optional<AgentBreak> lunch = a.lunch().map(b -> new AgentBreak(later(b.earliestStart(), day, zone), later(b.latestStart(), day, zone),
        b.duration()));
    return new Agent(a.id(), a.profile(), later(a.shiftStart(), day, zone), later(a.shiftEnd(), day, zone), a.start(), a.end(), lunch,
        a.maxVisits(), a.skills());
  }

  /**
   * The visit with only the windows that touch the day: from the local date's midnight to the next one, or to the end of
   * the day's last shift when that is later (a shift from 18:00 to 03:00 serves a window at 01:00). When none touch it,
   * empty, except on the plan's last day: there the visit goes to the planner with all its windows, which then explains
   * that none fits a shift, rather than vanishing from the plan unexplained.
   */
  static Optional<Visit> onDay(Visit v, LocalDate date, ZoneId zone, Instant lastShiftEnd, boolean lastDay) {
    if (v.windows().isEmpty()) {
      return Optional.of(v);
    }
    Instant from = date.atStartOfDay(zone).toInstant();
    Instant midnight = date.plusDays(1).atStartOfDay(zone).toInstant();
    Instant to = lastShiftEnd.isAfter(midnight) ? lastShiftEnd : midnight;
    List<TimeWindow> touching = v.windows().stream().filter(w -> w.end().isAfter(from) && w.start().isBefore(to)).toList();
    if (touching.isEmpty()) {
      return lastDay ? Optional.of(v) : Optional.empty();
    }
    return Optional.of(new Visit(v.id(), v.location(), v.serviceTime(), touching, v.value(), v.requiredSkills(), v.mustVisit()));
  }

  /**
   * The day's visits with those it is the last chance for (windows that end on this day, none later) valued above all
   * the others: a visit with a window only today must not lose its place to one that could as well be made tomorrow.
   * The plan's last day changes nothing (every visit is at its last chance then).
   */
  static List<Visit> lastChanceFirst(List<Visit> visits, LocalDate date, ZoneId zone, boolean lastDay) {
    if (lastDay) {
      return visits;
    }
    Instant nextDay = date.plusDays(1).atStartOfDay(zone).toInstant();
    long above = visits.stream().mapToLong(Visit::value).max().orElse(0);
    return visits.stream().map(v -> !v.windows().isEmpty() && v.windows().stream().noneMatch(w -> w.end().isAfter(nextDay))
        ? new Visit(v.id(), v.location(), v.serviceTime(), v.windows(), v.value() + above, v.requiredSkills(), v.mustVisit())
        : v).toList();
  }

  private static Instant later(Instant t, int days, ZoneId zone) {
    return t.atZone(zone).toLocalDateTime().plusDays(days).atZone(zone).toInstant();
  }
}
