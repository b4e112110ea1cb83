package io.campo.server.config;

import java.time.DayOfWeek;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How Campo reaches debtors: the providers of each channel and the contact rules every message obeys (docs/messaging.md).
 *
 * @param country ISO 3166 region whose numbering a phone without a country code follows ({@code CAMPO_COUNTRY}, MX)
 * @param whatsApp the WhatsApp Business Cloud API ({@code CAMPO_WHATSAPP_*}); off without a token
 * @param sms the Twilio-shaped SMS provider ({@code CAMPO_SMS_*}); off without an account
 * @param contact contact hours, rest days and the weekly cap ({@code CAMPO_CONTACT_*})
 */
public record OutreachSettings(String country, WhatsApp whatsApp, Sms sms, ContactRules contact) {

  /**
   * @param apiUrl base URL, {@code https://graph.facebook.com} in production, a local fake in tests
   * @param apiVersion the Graph API version in the path ({@code /v21.0/...})
   */
  public record WhatsApp(String apiUrl, String apiVersion, String phoneNumberId, String token, String verifyToken,
      String appSecret) {

    public boolean enabled() {
      return token != null && phoneNumberId != null;
    }
  }

  /** A Twilio-shaped provider: Basic auth {@code account:token}, messages from {@code from}. */
  public record Sms(String apiUrl, String account, String token, String from) {

    public boolean enabled() {
      return account != null && token != null && from != null;
    }
  }

  /**
   * @param opensMinute first minute of the day a debtor may be contacted (agency zone)
   * @param closesMinute minute the window closes, exclusive; 1440 for {@code 24:00}
   * @param restDays days without any contact
   * @param maxPerWeek messages per debtor per channel in any 7 days
   */
  public record ContactRules(int opensMinute, int closesMinute, Set<DayOfWeek> restDays, int maxPerWeek) {

    public ContactRules {
      restDays = restDays.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(restDays));
    }
  }

  static OutreachSettings read(Map<String, String> v) {
    String country = v.getOrDefault("CAMPO_COUNTRY", "MX").trim().toUpperCase(Locale.ROOT);
    if (!country.matches("[A-Z]{2}") || !Set.of(Locale.getISOCountries()).contains(country)) {
      throw new ConfigException("CAMPO_COUNTRY must be a two-letter ISO 3166 country code like MX, got '" + country + "'");
    }
    WhatsApp whatsApp = new WhatsApp(
        baseUrl(v, "CAMPO_WHATSAPP_API_URL", "https://graph.facebook.com"),
        v.getOrDefault("CAMPO_WHATSAPP_API_VERSION", "21.0").trim(),
        blankToNull(v.get("CAMPO_WHATSAPP_PHONE_NUMBER_ID")),
        blankToNull(v.get("CAMPO_WHATSAPP_TOKEN")),
        blankToNull(v.get("CAMPO_WHATSAPP_VERIFY_TOKEN")),
        blankToNull(v.get("CAMPO_WHATSAPP_APP_SECRET")));
    if (!whatsApp.apiVersion().matches("[0-9]+(\\.[0-9]+)?")) {
      throw new ConfigException("CAMPO_WHATSAPP_API_VERSION must be a Graph API version like 21.0, got '" + whatsApp.apiVersion() + "'");
    }
    Sms sms = new Sms(baseUrl(v, "CAMPO_SMS_API_URL", "https://api.twilio.com"), blankToNull(v.get("CAMPO_SMS_ACCOUNT")),
        blankToNull(v.get("CAMPO_SMS_TOKEN")), blankToNull(v.get("CAMPO_SMS_FROM")));
    int maxPerWeek = CampoConfig.integer(v, "CAMPO_CONTACT_MAX_PER_WEEK", 3);
    if (maxPerWeek < 1 || maxPerWeek > 100) {
      throw new ConfigException("CAMPO_CONTACT_MAX_PER_WEEK must be between 1 and 100, got " + maxPerWeek);
    }
    int[] hours = contactHours(v.getOrDefault("CAMPO_CONTACT_HOURS", "08:00-20:00"));
    return new OutreachSettings(country, whatsApp, sms,
        new ContactRules(hours[0], hours[1], restDays(v.getOrDefault("CAMPO_CONTACT_REST_DAYS", "")), maxPerWeek));
  }

  /** {@code HH:MM-HH:MM} as minutes of the day; {@code 24:00} may only end the window. */
  static int[] contactHours(String text) {
    String s = text.trim();
    String problem = "CAMPO_CONTACT_HOURS must be HH:MM-HH:MM with the start before the end (24:00 ends the day), like"
        + " 08:00-20:00, got '" + s + "'";
    if (!s.matches("[0-9]{2}:[0-9]{2}-[0-9]{2}:[0-9]{2}")) {
      throw new ConfigException(problem);
    }
    int opens = minuteOfDay(s.substring(0, 5), problem);
    int closes = minuteOfDay(s.substring(6), problem);
    if (opens >= 24 * 60 || closes <= opens) {
      throw new ConfigException(problem);
    }
    return new int[] {opens, closes};
  }

  private static int minuteOfDay(String hhmm, String problem) {
    int h = Integer.parseInt(hhmm.substring(0, 2));
    int m = Integer.parseInt(hhmm.substring(3));
    if (m > 59 || h > 24 || (h == 24 && m != 0)) {
      throw new ConfigException(problem);
    }
    return h * 60 + m;
  }

  static Set<DayOfWeek> restDays(String text) {
    Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    for (String part : text.split(",")) {
      String p = part.trim();
      if (p.isEmpty()) {
        continue;
      }
      if (!p.matches("[1-7]")) {
        throw new ConfigException("CAMPO_CONTACT_REST_DAYS must list ISO day numbers 1 (Monday) to 7 (Sunday) separated"
            + " by commas, like 7, got '" + text.trim() + "'");
      }
      days.add(DayOfWeek.of(Integer.parseInt(p)));
    }
    if (days.size() == 7) {
      throw new ConfigException("CAMPO_CONTACT_REST_DAYS names every day of the week: no message could ever be sent");
    }
    return days;
  }

  private static String baseUrl(Map<String, String> v, String key, String fallback) {
    String url = v.getOrDefault(key, fallback).trim();
    if (!url.matches("https?://[^/?#\\s]+(/[^?#\\s]*)?")) {
      throw new ConfigException(key + " must be an http(s) base URL like " + fallback + ", got '" + url + "'");
    }
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
