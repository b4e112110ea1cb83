package io.campo.server.report;

import io.campo.server.api.ApiException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.function.UnaryOperator;

/**
 * What {@code GET /api/reports/contact-hours} was asked: local dates {@code from}..{@code to}
 * (both inclusive, in the agency's zone), optional agent, team and debtor segment (each an exact
 * match; an empty value is no filter, as a form's unselected field sends it), the attempts
 * below which a cell is too sparse to show a rate, and (POST only) a zone the check-ins must lie in.
 */
public record ContactHourRequest(LocalDate from, LocalDate to, String agent, String team, String segment, int minAttempts,
    ZonePolygon zone) {

  public static final int DEFAULT_MIN_ATTEMPTS = 10;
  public static final int MAX_MIN_ATTEMPTS = 1_000_000;
  /** Longer ranges are refused: the rollup keeps days, and a decade of them is not a report anyone reads. */
  public static final int MAX_YEARS = 3;

  /**
   * @param param the query parameter of that name, or null when absent
   * @throws ApiException 400 naming the parameter and what it should look like
   */
  public static ContactHourRequest read(UnaryOperator<String> param) {
    return read(param, null);
  }

  /**
   * @param zone the body's {@code zone} (GeoJSON or WKT, see {@link ZonePolygon}); null for none
   */
  public static ContactHourRequest read(UnaryOperator<String> param, Object zone) {
    LocalDate from = date(param, "from");
    LocalDate to = date(param, "to");
    if (from.isAfter(to)) {
      throw ApiException.badRequest("from (" + from + ") is after to (" + to + ")");
    }
    if (to.isAfter(from.plusYears(MAX_YEARS))) {
      throw ApiException.badRequest("the range " + from + ".." + to + " is longer than " + MAX_YEARS + " years; ask for less");
    }
    return new ContactHourRequest(from, to, optional(param, "agent"), optional(param, "team"), optional(param, "segment"),
        minAttempts(param.apply("minAttempts")), zone == null ? null : ZonePolygon.read(zone));
  }

  private static LocalDate date(UnaryOperator<String> param, String name) {
    String text = param.apply(name);
    if (text == null || text.isBlank()) {
      throw ApiException.badRequest("'" + name + "' is required: a local date like 2026-03-01");
    }
    try {
      return LocalDate.parse(text.trim());
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest("'" + name + "' must be a local date like 2026-03-01, got '" + text + "'");
    }
  }

  private static String optional(UnaryOperator<String> param, String name) {
    String text = param.apply(name);
    return text == null || text.isBlank() ? null : text.trim();
  }

  private static int minAttempts(String text) {
    if (text == null || text.isBlank()) {
      return DEFAULT_MIN_ATTEMPTS;
    }
    int value;
    try {
      value = Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      value = -1;
    }
    if (value < 1 || value > MAX_MIN_ATTEMPTS) {
      throw ApiException.badRequest("'minAttempts' must be a whole number from 1 to " + MAX_MIN_ATTEMPTS + ", got '" + text + "'");
    }
    return value;
  }
}
