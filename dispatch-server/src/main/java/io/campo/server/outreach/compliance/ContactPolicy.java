package io.campo.server.outreach.compliance;

import io.campo.server.outreach.channel.Channel;
import java.time.Duration;
import java.time.Instant;

/**
 * The one set of rules every outbound contact obeys, in order: opt-out, consent, the debtor's own address, the weekly
 * cap, WhatsApp's 24-hour window for free text, then contact hours. Refusals come before holds so that a message that
 * could never go is skipped now instead of waiting for the morning to be skipped then. Pure and thread-safe: the facts
 * come from {@link ContactGate}.
 */
public final class ContactPolicy {

  /** WhatsApp accepts free text only this long after the debtor's last message. */
  public static final Duration CUSTOMER_SERVICE_WINDOW = Duration.ofHours(24);

  private final ContactWindow window;
  private final int maxPerWeek;

  public ContactPolicy(ContactWindow window, int maxPerWeek) {
    this.window = window;
    this.maxPerWeek = maxPerWeek;
  }

  /**
   * @param freeText a WhatsApp message that is not an approved template
   * @param alreadyThisPass contacts on this channel to this debtor allowed earlier in the same pass (not yet counted
   *     in {@code facts})
   */
  public ContactDecision decide(ContactFacts facts, boolean freeText, int alreadyThisPass, Instant now) {
    Channel channel = facts.channel();
    if (facts.optedOutAt() != null) {
      return new ContactDecision.Skip(SkipReason.OPTED_OUT, "the debtor opted out of " + channel.id() + " messages");
    }
    if (!facts.consentMessages()) {
      return new ContactDecision.Skip(SkipReason.NO_CONSENT, "the debtor has not accepted messages (acepta_mensajes)");
    }
    String recipient = recipient(facts);
    if (recipient == null) {
      return new ContactDecision.Skip(SkipReason.NO_RECIPIENT, channel.toPhone()
          ? "the debtor has no phone number in E.164 (import the number again)" : "the debtor has no e-mail address");
    }
    if (facts.sentLast7Days() + alreadyThisPass >= maxPerWeek) {
      return new ContactDecision.Skip(SkipReason.WEEKLY_LIMIT, "already " + maxPerWeek + " " + channel.id()
          + " messages in the last 7 days (CAMPO_CONTACT_MAX_PER_WEEK)");
    }
    if (freeText && channel == Channel.WHATSAPP
        && (facts.lastReplyAt() == null || facts.lastReplyAt().plus(CUSTOMER_SERVICE_WINDOW).isBefore(now))) {
      return new ContactDecision.Skip(SkipReason.OUTSIDE_24H_WINDOW,
          "free text on WhatsApp only within 24 hours of the debtor's last message; use an approved template");
    }
    Instant opens = window.openAtOrAfter(now);
    if (!opens.equals(now)) {
      return new ContactDecision.Hold(opens);
    }
    return new ContactDecision.Allow(recipient);
  }

  /**
   * A planned field visit: consent to visits and the contact hours (the planner asks before sending an agent; the
   * messaging caps and opt-outs do not apply to visits).
   */
  public ContactDecision decideVisit(boolean consentVisits, Instant plannedAt) {
    if (!consentVisits) {
      return new ContactDecision.Skip(SkipReason.NO_CONSENT, "the debtor has not accepted visits (acepta_visitas)");
    }
    Instant opens = window.openAtOrAfter(plannedAt);
    return opens.equals(plannedAt) ? new ContactDecision.Allow(null) : new ContactDecision.Hold(opens);
  }

  /**
   * A field visit drawn for a plan: consent to visits, then the weekly cap, which counts visits as a channel of their
   * own (at most {@code CAMPO_CONTACT_MAX_PER_WEEK} visits in the 7 days before the planned day, whatever was sent by
   * message). The day's hours and rest days are {@link #visitHoursOn}.
   *
   * @param visitsLast7Days visits (not rejected) to the debtor in the 7 days before the planned day
   */
  public ContactDecision decidePlannedVisit(boolean consentVisits, int visitsLast7Days) {
    if (!consentVisits) {
      return new ContactDecision.Skip(SkipReason.NO_CONSENT, "the debtor has not accepted visits (acepta_visitas)");
    }
    if (visitsLast7Days >= maxPerWeek) {
      return new ContactDecision.Skip(SkipReason.WEEKLY_LIMIT, "already " + visitsLast7Days
          + " field visits in the 7 days before the planned day (CAMPO_CONTACT_MAX_PER_WEEK is " + maxPerWeek + ")");
    }
    return new ContactDecision.Allow(null);
  }

  /** When a field visit may take place on a local day: its contact hours, none on a rest day. */
  public java.util.Optional<ContactHours> visitHoursOn(java.time.LocalDate day) {
    return window.hoursOn(day);
  }

  int maxPerWeek() {
    return maxPerWeek;
  }

  ContactWindow window() {
    return window;
  }

  /** The debtor's own address for the channel: the first number that is in E.164 (the import's form). */
  private static String recipient(ContactFacts facts) {
    if (!facts.channel().toPhone()) {
      return facts.email() == null || facts.email().isBlank() ? null : facts.email();
    }
    for (String phone : facts.phones()) {
      if (phone != null && phone.matches("\\+[1-9][0-9]{6,14}")) {
        return phone;
      }
    }
    return null;
  }
}
