package io.campo.server.portfolio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns one row's cells into an {@link ImportRow}, or a {@link ImportRow.Rejection} listing every
 * reason at once, so the sender fixes a row in one go. Checks everything the database would refuse
 * (ranges, sizes, required fields), so that writing a valid row cannot fail on its content.
 * Stateless and thread-safe.
 */
final class ImportRowReader {

  /** Geofence radius when the row gives none, as in the schema. */
  static final double DEFAULT_RADIUS_METERS = 75;
  /** A larger circle would validate a visit from the next neighbourhood. */
  static final double MAX_RADIUS_METERS = 5_000;
  static final int MAX_TEXT_CHARS = 500;

  private static final DateTimeFormatter DAY_MONTH_YEAR = DateTimeFormatter.ofPattern("d/M/uuuu").withResolverStyle(ResolverStyle.STRICT);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Either a row or a rejection. */
  sealed interface Result permits Valid, Invalid {}

  /** @param warnings what was left out of the row (invalid phone numbers) without refusing the rest of it */
  record Valid(ImportRow row, List<String> warnings) implements Result {}

  record Invalid(ImportRow.Rejection rejection) implements Result {}

  private final E164Phones e164;

  ImportRowReader(E164Phones e164) {
    this.e164 = e164;
  }

  Result read(int line, Map<ImportColumn, String> cells) {
    List<String> reasons = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    String id = text(cells, ImportColumn.EXTERNAL_ID, reasons);
    if (id == null) {
      reasons.add("missing id");
    }
    String name = text(cells, ImportColumn.NAME, reasons);
    if (name == null) {
      reasons.add("missing name");
    }
    List<String> phones = phones(cells.get(ImportColumn.PHONES), warnings);
    String groupId = text(cells, ImportColumn.GROUP_ID, reasons);
    String role = groupRole(text(cells, ImportColumn.GROUP_ROLE, reasons), reasons);
    if (role != null && groupId == null) {
      reasons.add("group role '" + role + "' without a group");
    }
    String team = text(cells, ImportColumn.TEAM, reasons);
    String segment = text(cells, ImportColumn.SEGMENT, reasons);
    Boolean visits = flag(cells, ImportColumn.CONSENT_VISITS, reasons);
    Boolean calls = flag(cells, ImportColumn.CONSENT_CALLS, reasons);
    Boolean messages = flag(cells, ImportColumn.CONSENT_MESSAGES, reasons);
    ImportRow.Debt debt = debt(cells, reasons);
    ImportRow.Address address = address(cells, reasons);
    String email = email(cells.get(ImportColumn.EMAIL), warnings);
    if (!reasons.isEmpty()) {
      return new Invalid(new ImportRow.Rejection(line, id, List.copyOf(reasons)));
    }
    return new Valid(new ImportRow(line, id, name, phones, segment, groupId, role, team, visits, calls, messages, debt, address,
        email),
        List.copyOf(warnings));
  }

  private static ImportRow.Debt debt(Map<ImportColumn, String> cells, List<String> reasons) {
    List<ImportColumn> debtColumns = List.of(ImportColumn.CONTRACT, ImportColumn.PRODUCT, ImportColumn.CURRENCY,
        ImportColumn.PRINCIPAL, ImportColumn.BALANCE, ImportColumn.DUE_DATE);
    if (debtColumns.stream().allMatch(c -> blank(cells.get(c)))) {
      return null;
    }
    int before = reasons.size();
    String contract = required(cells, ImportColumn.CONTRACT, "contract", reasons);
    String product = required(cells, ImportColumn.PRODUCT, "product", reasons);
    String currency = currency(cells.get(ImportColumn.CURRENCY), reasons);
    BigDecimal principal = amount(cells.get(ImportColumn.PRINCIPAL), "principal", reasons);
    BigDecimal balance = amount(cells.get(ImportColumn.BALANCE), "balance", reasons);
    LocalDate due = date(cells.get(ImportColumn.DUE_DATE), reasons);
    return reasons.size() > before ? null : new ImportRow.Debt(contract, product, currency, principal, balance, due);
  }

  private static ImportRow.Address address(Map<ImportColumn, String> cells, List<String> reasons) {
    String latText = cells.get(ImportColumn.LAT);
    String lonText = cells.get(ImportColumn.LON);
    String line = text(cells, ImportColumn.ADDRESS, reasons);
    String polygon = cells.get(ImportColumn.POLYGON);
    if (blank(latText) && blank(lonText)) {
      if (line != null || !blank(polygon)) {
        reasons.add("address without coordinates: lat and lon are required (Campo does not geocode)");
      }
      return null;
    }
    int before = reasons.size();
    double lat = coordinate(latText, "lat", 90, reasons);
    double lon = coordinate(lonText, "lon", 180, reasons);
    if (reasons.size() == before && lat == 0 && lon == 0) {
      reasons.add("bad coordinates: 0,0 is the Gulf of Guinea, not an address (a blank cell exported as 0?)");
    }
    double radius = DEFAULT_RADIUS_METERS;
    String radiusText = cells.get(ImportColumn.RADIUS_METERS);
    if (!blank(radiusText)) {
      BigDecimal r = AmountText.parse(radiusText);
      if (r == null) {
        reasons.add("radius '" + radiusText.strip() + "' is not a number of metres");
      } else if (r.signum() <= 0 || r.doubleValue() > MAX_RADIUS_METERS) {
        reasons.add("radius " + r.toPlainString() + " m is outside 1.." + (int) MAX_RADIUS_METERS + " m");
      } else {
        radius = r.doubleValue();
      }
    }
    String polygonJson = blank(polygon) ? null : polygon(polygon.strip(), reasons);
    String kind = addressKind(cells.get(ImportColumn.ADDRESS_KIND), reasons);
    return reasons.size() > before ? null : new ImportRow.Address(kind, line, lat, lon, radius, polygonJson);
  }

  private static double coordinate(String text, String name, double limit, List<String> reasons) {
    if (blank(text)) {
      reasons.add("bad coordinates: missing " + name);
      return Double.NaN;
    }
    double v;
    try {
      v = Double.parseDouble(text.strip().replace(',', '.'));
    } catch (NumberFormatException e) {
      reasons.add("bad coordinates: " + name + " '" + text.strip() + "' is not a number");
      return Double.NaN;
    }
    if (!(v >= -limit && v <= limit)) {
      reasons.add(name + " " + text.strip() + " is out of range -" + (int) limit + ".." + (int) limit);
    }
    return v;
  }

  private static String polygon(String text, List<String> reasons) {
    try {
      JsonNode node = JSON.readTree(text);
      JsonNode ring = node.path("coordinates").path(0);
      if (!"Polygon".equals(node.path("type").asText()) || !ring.isArray() || ring.size() < 4) {
        reasons.add("polygon must be a GeoJSON Polygon with a closed ring of at least 4 positions");
        return null;
      }
      return node.toString();
    } catch (java.io.IOException e) {
      reasons.add("polygon is not valid JSON");
      return null;
    }
  }

  private static String addressKind(String text, List<String> reasons) {
    if (blank(text)) {
      return "home";
    }
    return switch (ImportColumn.normalize(text)) {
      case "home", "casa", "domicilio", "hogar" -> "home";
      case "business", "negocio", "trabajo", "work" -> "business";
      case "other", "otro", "otra" -> "other";
      default -> {
        reasons.add("address kind '" + text.strip() + "' is not home/casa, business/negocio or other/otro");
        yield null;
      }
    };
  }

  private static BigDecimal amount(String text, String name, List<String> reasons) {
    if (blank(text)) {
      reasons.add("missing " + name);
      return null;
    }
    AmountText.Reading reading = AmountText.read(text);
    BigDecimal v = reading.amount();
    if (v == null) {
      reasons.add("bad amount: " + name + " '" + AmountText.shown(text.strip()) + "' " + reading.problem());
    } else if (v.signum() < 0) {
      reasons.add("negative amount: " + name + " " + v.toPlainString());
    } else if (v.compareTo(AmountText.MAX) > 0) {
      reasons.add("bad amount: " + name + " " + v.toPlainString() + " is larger than " + AmountText.MAX.toPlainString());
    } else {
      return v.setScale(2, java.math.RoundingMode.UNNECESSARY);
    }
    return null;
  }

  private static String currency(String text, List<String> reasons) {
    if (blank(text)) {
      reasons.add("missing currency");
      return null;
    }
    String code = text.strip().toUpperCase(Locale.ROOT);
    try {
      if (code.length() == 3) {
        return Currency.getInstance(code).getCurrencyCode();
      }
    } catch (IllegalArgumentException e) {
      // falls through to the reason below
    }
    reasons.add("unknown currency '" + text.strip() + "' (ISO 4217, e.g. MXN, USD)");
    return null;
  }

  private static LocalDate date(String text, List<String> reasons) {
    if (blank(text)) {
      reasons.add("missing due date");
      return null;
    }
    String s = text.strip();
    try {
      return s.contains("/") ? LocalDate.parse(s, DAY_MONTH_YEAR) : LocalDate.parse(s);
    } catch (DateTimeParseException e) {
      reasons.add("bad date: due date '" + s + "' is not a date (yyyy-MM-dd or dd/MM/yyyy)");
      return null;
    }
  }

  /**
   * The row's numbers in E.164. An invalid number is left out with a warning instead of refusing the debtor: the rest of
   * the row (the debt, the address) is still worth importing, and the number can be fixed by the next import.
   */
  private List<String> phones(String text, List<String> warnings) {
    if (blank(text)) {
      return null;
    }
    List<String> phones = new ArrayList<>();
    for (String p : text.split("[|;]")) {
      String phone = p.strip();
      if (phone.isEmpty()) {
        continue;
      }
      E164Phones.Reading reading = e164.read(phone);
      if (reading instanceof E164Phones.Number n && !phones.contains(n.e164())) {
        phones.add(n.e164());
      } else if (reading instanceof E164Phones.Invalid invalid) {
        warnings.add(invalid.reason() + "; left out");
      }
    }
    return phones;
  }

  /** Like a phone number, a bad address is left out with a warning: the debt and the address still count. */
  private static String email(String text, List<String> warnings) {
    if (blank(text)) {
      return null;
    }
    String e = text.strip();
    if (e.length() > 254 || !e.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
      warnings.add("e-mail '" + (e.length() > 60 ? e.substring(0, 60) + "…" : e) + "' is not an address; left out");
      return null;
    }
    return e;
  }

  private static String groupRole(String text, List<String> reasons) {
    if (text == null) {
      return null;
    }
    return switch (ImportColumn.normalize(text)) {
      case "member", "miembro", "integrante", "socia", "socio" -> "member";
      case "president", "presidenta", "presidente" -> "president";
      case "treasurer", "tesorera", "tesorero" -> "treasurer";
      case "secretary", "secretaria", "secretario" -> "secretary";
      default -> {
        reasons.add("group role '" + text + "' is not member, president, treasurer or secretary");
        yield text;
      }
    };
  }

  private static Boolean flag(Map<ImportColumn, String> cells, ImportColumn column, List<String> reasons) {
    String text = cells.get(column);
    if (blank(text)) {
      return null;
    }
    return switch (ImportColumn.normalize(text)) {
      case "true", "yes", "y", "si", "s", "1", "x" -> true;
      case "false", "no", "n", "0" -> false;
      default -> {
        reasons.add(column.names().get(0) + " '" + text.strip() + "' is not yes/no");
        yield null;
      }
    };
  }

  private static String required(Map<ImportColumn, String> cells, ImportColumn column, String name, List<String> reasons) {
    String v = text(cells, column, reasons);
    if (v == null) {
      reasons.add("missing " + name);
    }
    return v;
  }

  private static String text(Map<ImportColumn, String> cells, ImportColumn column, List<String> reasons) {
    String v = cells.get(column);
    if (blank(v)) {
      return null;
    }
    v = v.strip();
    if (v.length() > MAX_TEXT_CHARS) {
      reasons.add(column.names().get(0) + " is longer than " + MAX_TEXT_CHARS + " characters");
    }
    return v;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
