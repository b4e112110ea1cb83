package io.campo.server.config;

import java.util.Map;

/**
 * How often a debtor may be visited, for plans that draw from the portfolio.
 *
 * @param visitCooldownDays a debtor visited fewer than this many days before the planned day is left out, unless it is
 *     a must-visit ({@code CAMPO_VISIT_COOLDOWN_DAYS}; 0: no cool-down)
 * @param promiseGraceDays a pending promise to pay keeps its debtor out of plans until its date plus this many days
 *     ({@code CAMPO_PROMISE_GRACE_DAYS})
 */
public record CadenceSettings(int visitCooldownDays, int promiseGraceDays) {

  /**
   * Three days: an agent returning the day after a "no contact" annoys the neighbours and rarely finds the debtor home;
   * a week lets a salaried debtor's payday pass. Two days of grace: a payment made on the promised day reaches the
   * ledger a day or two later (bank transfer, correspondent store).
   */
  public static final CadenceSettings DEFAULT = new CadenceSettings(3, 2);

  static CadenceSettings read(Map<String, String> v) {
    return new CadenceSettings(days(v, "CAMPO_VISIT_COOLDOWN_DAYS", DEFAULT.visitCooldownDays()),
        days(v, "CAMPO_PROMISE_GRACE_DAYS", DEFAULT.promiseGraceDays()));
  }

  private static int days(Map<String, String> v, String key, int fallback) {
    String raw = v.get(key);
    if (raw == null || raw.isBlank()) {
      return fallback;
    }
    try {
      int days = Integer.parseInt(raw.trim());
      if (days >= 0 && days <= 365) {
        return days;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ConfigException(key + " must be a whole number of days from 0 to 365, got '" + raw + "'");
  }
}
