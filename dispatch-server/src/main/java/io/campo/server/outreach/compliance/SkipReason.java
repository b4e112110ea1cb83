package io.campo.server.outreach.compliance;

/** The keys of {@code "skipped": {reason: n}} in a campaign's status; stable, since reports group by them. */
public final class SkipReason {

  public static final String OPTED_OUT = "opted_out";
  public static final String NO_CONSENT = "no_consent";
  public static final String NO_RECIPIENT = "no_recipient";
  public static final String WEEKLY_LIMIT = "weekly_limit";
  public static final String OUTSIDE_24H_WINDOW = "outside_24h_window";
  public static final String MISSING_VALUE = "missing_value";
  public static final String CHANNEL_OFF = "channel_off";
  /** A planned visit on one of the agency's rest days ({@code CAMPO_CONTACT_REST_DAYS}); messages wait instead. */
  public static final String REST_DAY = "rest_day";

  private SkipReason() {}
}
