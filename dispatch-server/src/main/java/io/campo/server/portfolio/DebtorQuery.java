package io.campo.server.portfolio;

import io.campo.server.api.ApiException;
import java.util.Locale;

/**
 * What the office typed into the debtor search ({@code GET /api/debtors?q=&limit=&offset=}): the words, and the page.
 * The words match a debtor's name or external id anywhere (case-insensitive), and its phones by their digits, so
 * "55 1234" finds "+52 (55) 1234-5678" however the phone was written in the portfolio file.
 *
 * @param text the trimmed search text, 2–100 characters
 * @param limit page size, 1–100
 * @param offset debtors skipped, 0–100,000
 */
public record DebtorQuery(String text, int limit, int offset) {

  public static final int DEFAULT_LIMIT = 20;
  public static final int MAX_LIMIT = 100;
  /** Deep pages of a name search are never read by a person; a bound keeps one request from scanning the whole table. */
  public static final int MAX_OFFSET = 100_000;
  /** A phone fragment shorter than this matches half the portfolio. */
  static final int MIN_PHONE_DIGITS = 4;

  public DebtorQuery {
    if (text == null || text.strip().length() < 2) {
      throw ApiException.badRequest("q must have at least 2 characters (a name, an external id or part of a phone)");
    }
    text = text.strip();
    if (text.length() > 100) {
      throw ApiException.badRequest("q is " + text.length() + " characters long; at most 100");
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw ApiException.badRequest("limit must be 1-" + MAX_LIMIT + ", got " + limit);
    }
    if (offset < 0 || offset > MAX_OFFSET) {
      throw ApiException.badRequest("offset must be 0-" + MAX_OFFSET + ", got " + offset);
    }
  }

  /** From the raw query parameters; null limit/offset take the defaults. */
  public static DebtorQuery of(String q, String limit, String offset) {
    return new DebtorQuery(q, number("limit", limit, DEFAULT_LIMIT), number("offset", offset, 0));
  }

  /** The text as an ILIKE pattern matching it anywhere, its own % and _ taken literally. */
  String likePattern() {
    return "%" + text.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
  }

  /** The digits of the text when it reads like part of a phone, else null (no phone match). */
  String phoneDigits() {
    String digits = text.replaceAll("\\D", "");
    return digits.length() >= MIN_PHONE_DIGITS ? digits : null;
  }

  private static int number(String name, String raw, int fallback) {
    if (raw == null || raw.isBlank()) {
      return fallback;
    }
    try {
      return Integer.parseInt(raw.strip());
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(name + " must be a whole number, got '" + raw + "'");
    }
  }
}
