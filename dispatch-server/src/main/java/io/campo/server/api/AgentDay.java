package io.campo.server.api;

import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/**
 * A working day of the agency, read from the {@code date} query parameter ({@code 2026-11-24},
 * today when absent): the calendar day in the agency's time zone, as the UTC instants it spans.
 *
 * @param from first instant of the day (inclusive)
 * @param to first instant of the next day (exclusive)
 */
public record AgentDay(LocalDate date, Instant from, Instant to) {

  public static AgentDay of(LocalDate date, ZoneId zone) {
    return new AgentDay(date, date.atStartOfDay(zone).toInstant(), date.plusDays(1).atStartOfDay(zone).toInstant());
  }

  /** @throws ApiException 400 when {@code date} is not a day like 2026-11-24 */
  public static AgentDay fromQuery(RoutingContext ctx, ZoneId zone, Clock clock) {
    String raw = ctx.queryParams().get("date");
    if (raw == null || raw.isBlank()) {
      return of(LocalDate.now(clock.withZone(zone)), zone);
    }
    try {
      return of(LocalDate.parse(raw.trim()), zone);
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest("'date' must be a day like 2026-11-24, got '" + raw + "'");
    }
  }
}
