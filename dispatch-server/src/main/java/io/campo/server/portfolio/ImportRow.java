package io.campo.server.portfolio;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * One valid import row: a debtor, and optionally one of its debts and one of its addresses.
 * Null debtor fields were blank or absent: they leave the stored value unchanged (a new debtor
 * gets the schema default). {@code team} is the team the row names; whether the importer may put the debtor
 * there is decided when the row is written, by {@link ImportTeamRule}.
 *
 * @param email the debtor's e-mail address for messages (outreach), null when blank
 * @param line where the row is: its line in the CSV (header = 1) or its 1-based position in the JSON array
 */
public record ImportRow(
    int line,
    String externalId,
    String name,
    List<String> phones,
    String segment,
    String groupId,
    String groupRole,
    String team,
    Boolean consentVisits,
    Boolean consentCalls,
    Boolean consentMessages,
    Debt debt,
    Address address,
    String email) {

  /** A debt, identified within its debtor by the contract (loan) number. */
  public record Debt(String contract, String product, String currency, BigDecimal principal, BigDecimal balance,
      LocalDate dueDate) {}

  /** An address with its geofence: a circle of {@code radiusMeters}, or the GeoJSON polygon when given. */
  public record Address(String kind, String line, double lat, double lon, double radiusMeters, String polygonGeoJson) {}

  /** A row that was imported without some of its content (an invalid phone number), and what was left out. */
  public record Warning(int line, String externalId, List<String> warnings) {}

  /** A row that was not imported, with every reason. */
  public record Rejection(int line, String externalId, List<String> reasons) {}
}
