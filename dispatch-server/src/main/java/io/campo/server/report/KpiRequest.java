package io.campo.server.report;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.function.UnaryOperator;

/**
 * What {@code GET /api/reports/kpis} was asked: local dates {@code from}..{@code to} (inclusive, in
 * the agency's zone) and optional agent, team and debtor segment, read by the contact-hour
 * report's rules (the same 400s for missing, malformed, reversed or over-long ranges). The
 * previous period is the same number of days just before {@code from}.
 */
public record KpiRequest(LocalDate from, LocalDate to, String agent, String team, String segment) {

  /** @throws io.campo.server.api.ApiException 400 naming the bad parameter */
  public static KpiRequest read(UnaryOperator<String> param) {
    // minAttempts belongs to the contact-hour matrix only; hidden so that it is never a reason for a 400 here.
    ContactHourRequest r = ContactHourRequest.read(name -> "minAttempts".equals(name) ? null : param.apply(name));
    return new KpiRequest(r.from(), r.to(), r.agent(), r.team(), r.segment());
  }

  public long days() {
    return ChronoUnit.DAYS.between(from, to) + 1;
  }

  /** The same filters over the {@link #days()} days just before {@code from}. */
  public KpiRequest previous() {
    return new KpiRequest(from.minusDays(days()), from.minusDays(1), agent, team, segment);
  }
}
