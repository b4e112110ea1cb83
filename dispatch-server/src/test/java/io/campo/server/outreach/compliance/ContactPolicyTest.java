package io.campo.server.outreach.compliance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.campo.server.config.OutreachSettings;
import io.campo.server.outreach.channel.Channel;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ContactPolicyTest {

  static final ZoneId MX = ZoneId.of("America/Mexico_City");
  static final ContactWindow DAYTIME = new ContactWindow(new OutreachSettings.ContactRules(8 * 60, 20 * 60, Set.of(DayOfWeek.SUNDAY), 3), MX);
  static final ContactPolicy POLICY = new ContactPolicy(DAYTIME, 3);
  static final Instant MONDAY_NOON = at(2026, 7, 6, 12, 0);

  static Instant at(int y, int m, int d, int h, int min) {
    return LocalDateTime.of(y, m, d, h, min).atZone(MX).toInstant();
  }

  static ContactFacts facts(Channel channel) {
    return new ContactFacts(channel, true, null, List.of("+525512345678"), "ana@example.mx", 0, null);
  }

  @Test
  void theWindowOpensAtTheStartAndClosesAtTheEndExclusive() {
    assertEquals(at(2026, 7, 6, 8, 0), DAYTIME.openAtOrAfter(at(2026, 7, 6, 7, 59)));
    assertTrue(DAYTIME.isOpen(at(2026, 7, 6, 8, 0)));
    assertTrue(DAYTIME.isOpen(at(2026, 7, 6, 19, 59)));
    assertEquals(at(2026, 7, 7, 8, 0), DAYTIME.openAtOrAfter(at(2026, 7, 6, 20, 0)));
    // Saturday night: Sunday rests, so Monday morning.
    assertEquals(at(2026, 7, 6, 8, 0), DAYTIME.openAtOrAfter(at(2026, 7, 4, 20, 30)));
  }

  @Test
  void twentyFourHundredEndsTheDay() {
    ContactWindow allDay = new ContactWindow(new OutreachSettings.ContactRules(0, 24 * 60, Set.of(), 3), MX);
    assertTrue(allDay.isOpen(at(2026, 7, 6, 23, 59)));
    assertTrue(allDay.isOpen(at(2026, 7, 7, 0, 0)));
    ContactWindow evening = new ContactWindow(new OutreachSettings.ContactRules(18 * 60, 24 * 60, Set.of(), 3), MX);
    assertTrue(evening.isOpen(at(2026, 7, 6, 23, 30)));
    assertEquals(at(2026, 7, 7, 18, 0), evening.openAtOrAfter(at(2026, 7, 7, 0, 10)));
  }

  @Test
  void refusalsComeInOrderAndBeforeHolds() {
    Instant night = at(2026, 7, 6, 23, 0);
    ContactFacts optedOut = new ContactFacts(Channel.WHATSAPP, true, MONDAY_NOON, List.of("+525512345678"), null, 0, null);
    assertEquals(SkipReason.OPTED_OUT, ((ContactDecision.Skip) POLICY.decide(optedOut, false, 0, night)).reason());
    ContactFacts noConsent = new ContactFacts(Channel.SMS, false, null, List.of("+525512345678"), null, 0, null);
    assertEquals(SkipReason.NO_CONSENT, ((ContactDecision.Skip) POLICY.decide(noConsent, false, 0, MONDAY_NOON)).reason());
    ContactFacts legacyNumber = new ContactFacts(Channel.SMS, true, null, List.of("55 1234 5678"), null, 0, null);
    assertEquals(SkipReason.NO_RECIPIENT, ((ContactDecision.Skip) POLICY.decide(legacyNumber, false, 0, MONDAY_NOON)).reason());
    ContactFacts noEmail = new ContactFacts(Channel.EMAIL, true, null, List.of("+525512345678"), null, 0, null);
    assertEquals(SkipReason.NO_RECIPIENT, ((ContactDecision.Skip) POLICY.decide(noEmail, false, 0, MONDAY_NOON)).reason());
    assertEquals(new ContactDecision.Hold(at(2026, 7, 7, 8, 0)), POLICY.decide(facts(Channel.SMS), false, 0, night));
    assertEquals(new ContactDecision.Allow("+525512345678"), POLICY.decide(facts(Channel.SMS), false, 0, MONDAY_NOON));
    assertEquals(new ContactDecision.Allow("ana@example.mx"), POLICY.decide(facts(Channel.EMAIL), false, 0, MONDAY_NOON));
  }

  @Test
  void theWeeklyCapCountsWhatWasSentAndWhatThisPassAllowed() {
    ContactFacts two = new ContactFacts(Channel.WHATSAPP, true, null, List.of("+525512345678"), null, 2, null);
    assertTrue(POLICY.decide(two, false, 0, MONDAY_NOON) instanceof ContactDecision.Allow);
    assertEquals(SkipReason.WEEKLY_LIMIT, ((ContactDecision.Skip) POLICY.decide(two, false, 1, MONDAY_NOON)).reason());
  }

  @Test
  void whatsAppFreeTextOnlyWithin24HoursOfTheDebtorsLastMessage() {
    ContactFacts wroteYesterday = new ContactFacts(Channel.WHATSAPP, true, null, List.of("+525512345678"), null, 0,
        MONDAY_NOON.minusSeconds(23 * 3600));
    assertTrue(POLICY.decide(wroteYesterday, true, 0, MONDAY_NOON) instanceof ContactDecision.Allow);
    ContactFacts wroteLongAgo = new ContactFacts(Channel.WHATSAPP, true, null, List.of("+525512345678"), null, 0,
        MONDAY_NOON.minusSeconds(25 * 3600));
    assertEquals(SkipReason.OUTSIDE_24H_WINDOW, ((ContactDecision.Skip) POLICY.decide(wroteLongAgo, true, 0, MONDAY_NOON)).reason());
    assertEquals(SkipReason.OUTSIDE_24H_WINDOW, ((ContactDecision.Skip) POLICY.decide(facts(Channel.WHATSAPP), true, 0, MONDAY_NOON)).reason());
    assertTrue(POLICY.decide(facts(Channel.WHATSAPP), false, 0, MONDAY_NOON) instanceof ContactDecision.Allow, "templates may go");
  }

  @Test
  void plannedVisitsAskForConsentToVisitsAndContactHours() {
    assertEquals(SkipReason.NO_CONSENT, ((ContactDecision.Skip) POLICY.decideVisit(false, MONDAY_NOON)).reason());
    assertTrue(POLICY.decideVisit(true, MONDAY_NOON) instanceof ContactDecision.Allow);
    assertEquals(new ContactDecision.Hold(at(2026, 7, 6, 8, 0)), POLICY.decideVisit(true, at(2026, 7, 5, 10, 0)));
  }

  @Test
  void optOutRepliesAreTheWholeMessageInAnyCase() {
    for (String yes : List.of("BAJA", "baja", " Baja. ", "¡Baja!", "STOP", "stop!!", "Alto", "\"ALTO\"", "baja 🙏")) {
      assertTrue(OptOutReply.isOptOut(yes), yes);
    }
    for (String no : List.of("", "no me den de baja", "bajame", "stopped", "ok", "alto ahí")) {
      assertFalse(OptOutReply.isOptOut(no), no);
    }
    assertFalse(OptOutReply.isOptOut(null));
  }

  @Test
  void aPlannedVisitNeedsConsentToVisitsAndCountsVisitsAgainstTheWeeklyCapAsAChannelOfTheirOwn() {
    assertTrue(POLICY.decidePlannedVisit(true, 0) instanceof ContactDecision.Allow);
    assertTrue(POLICY.decidePlannedVisit(true, 2) instanceof ContactDecision.Allow);
    ContactDecision capped = POLICY.decidePlannedVisit(true, 3);
    assertEquals(SkipReason.WEEKLY_LIMIT, ((ContactDecision.Skip) capped).reason());
    assertTrue(((ContactDecision.Skip) capped).explanation().contains("3 field visits"), capped.toString());
    // Consent is judged first: a debtor who refuses visits is that, whatever the count.
    assertEquals(SkipReason.NO_CONSENT, ((ContactDecision.Skip) POLICY.decidePlannedVisit(false, 5)).reason());
  }

  @Test
  void aDaysVisitHoursAreItsContactHoursAndARestDayHasNone() {
    assertEquals(java.util.Optional.of(new ContactHours(at(2026, 7, 6, 8, 0), at(2026, 7, 6, 20, 0))),
        POLICY.visitHoursOn(java.time.LocalDate.of(2026, 7, 6)));
    assertTrue(POLICY.visitHoursOn(java.time.LocalDate.of(2026, 7, 5)).isEmpty(), "Sunday rests");
    // 24:00 ends the day at the next midnight, not at this one.
    ContactPolicy allDay = new ContactPolicy(new ContactWindow(new OutreachSettings.ContactRules(0, 24 * 60, Set.of(), 3), MX), 3);
    assertEquals(at(2026, 7, 7, 0, 0), allDay.visitHoursOn(java.time.LocalDate.of(2026, 7, 6)).orElseThrow().closes());
  }
}
