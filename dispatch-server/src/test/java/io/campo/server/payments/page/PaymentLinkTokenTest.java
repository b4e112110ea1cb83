package io.campo.server.payments.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class PaymentLinkTokenTest {

  static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes();
  static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");
  final PaymentLinkToken tokens = new PaymentLinkToken(KEY);

  @Test
  void aTokenReadsBackUntilItExpires() {
    String t = tokens.issue(42, NOW.plusSeconds(60));
    assertEquals(new PaymentLinkToken.Valid(42, NOW.plusSeconds(60)), tokens.read(t, NOW));
    assertEquals(new PaymentLinkToken.Expired(42, NOW.plusSeconds(60)), tokens.read(t, NOW.plusSeconds(60)));
  }

  @Test
  void aChangedDebtorExpiryOrSignatureOrAnotherKeyIsInvalid() {
    String t = tokens.issue(42, NOW.plusSeconds(60));
    String[] parts = t.split("\\.");
    for (String forged : new String[] {"43." + parts[1] + "." + parts[2], parts[0] + "." + (Long.parseLong(parts[1]) + 86400) + "." + parts[2],
        parts[0] + "." + parts[1] + "." + parts[2].substring(1), parts[0] + "." + parts[1] + ".!!!", "", "42", "..", "x".repeat(500)}) {
      assertInstanceOf(PaymentLinkToken.Invalid.class, tokens.read(forged, NOW), forged);
    }
    assertInstanceOf(PaymentLinkToken.Invalid.class,
        new PaymentLinkToken("fedcba9876543210fedcba9876543210".getBytes()).read(t, NOW));
    assertInstanceOf(PaymentLinkToken.Invalid.class, tokens.read(null, NOW));
  }

  @Test
  void theCashReferenceCarriesACheckDigitThatCatchesATypo() {
    String r = CashReference.of(1234);
    assertEquals("CAMPO0000001234", r.substring(0, 15));
    assertEquals(1234, CashReference.debtorOf(r));
    assertEquals(-1, CashReference.debtorOf(r.substring(0, 14) + "5" + r.charAt(15)), "one digit wrong");
    assertEquals(-1, CashReference.debtorOf("CAMPO0000002134" + r.charAt(15)), "two digits swapped");
    assertEquals(-1, CashReference.debtorOf("nope"));
  }
}
