package io.campo.server.portfolio;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Locale;

/**
 * Phone numbers as E.164 ({@code +525512345678}), the one form providers accept and webhooks can be matched against.
 * A number without a country code is read as one of the agency's country ({@code CAMPO_COUNTRY}). Thread-safe.
 */
public final class E164Phones {

  /** Either the number in E.164 or why it is not a phone number. */
  public sealed interface Reading permits Number, Invalid {}

  public record Number(String e164) implements Reading {}

  public record Invalid(String reason) implements Reading {}

  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
  private final String region;

  /** @param region ISO 3166 two-letter country, like MX */
  public E164Phones(String region) {
    this.region = region.toUpperCase(Locale.ROOT);
    if (!UTIL.getSupportedRegions().contains(this.region)) {
      throw new IllegalArgumentException("no phone numbering plan is known for country '" + region + "'");
    }
  }

  public String region() {
    return region;
  }

  public Reading read(String text) {
    String s = text == null ? "" : text.strip();
    if (s.isEmpty()) {
      return new Invalid("empty phone number");
    }
    if (s.length() > 40) {
      return new Invalid("phone '" + s.substring(0, 40) + "…' is too long to be a phone number");
    }
    PhoneNumber number;
    try {
      number = UTIL.parse(s, region);
    } catch (NumberParseException e) {
      return new Invalid("phone '" + s + "' is not a phone number");
    }
    if (!UTIL.isValidNumber(number)) {
      return new Invalid("phone '" + s + "' is not a valid number in " + regionOf(number));
    }
    return new Number(UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164));
  }

  /**
   * The sender of a WhatsApp webhook ({@code "from": "5215512345678"}: digits, no plus) in E.164. Mexican mobiles still
   * arrive with the old "1" after the country code, which Mexico dropped in 2019; it is removed so the number matches
   * the one imported.
   */
  public Reading readInternationalDigits(String digits) {
    String d = digits == null ? "" : digits.strip();
    if (d.startsWith("+")) {
      d = d.substring(1);
    }
    if (!d.matches("[0-9]{6,15}")) {
      return new Invalid("'" + digits + "' is not an international number");
    }
    if (d.length() == 13 && d.startsWith("521")) {
      d = "52" + d.substring(3);
    }
    return read("+" + d);
  }

  private String regionOf(PhoneNumber number) {
    String r = UTIL.getRegionCodeForNumber(number);
    return r == null ? "+" + number.getCountryCode() : r;
  }
}
