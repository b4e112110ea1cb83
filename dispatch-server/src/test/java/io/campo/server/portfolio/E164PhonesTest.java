package io.campo.server.portfolio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class E164PhonesTest {

  final E164Phones mx = new E164Phones("MX");

  @Test
  void nationalAndInternationalFormsBecomeE164() {
    assertEquals(new E164Phones.Number("+525512345678"), mx.read("55 1234 5678"));
    assertEquals(new E164Phones.Number("+525512345678"), mx.read("(55) 1234-5678"));
    assertEquals(new E164Phones.Number("+525512345678"), mx.read("+52 55 1234 5678"));
    assertEquals(new E164Phones.Number("+16505551234"), mx.read("+1 650 555 1234"));
    assertEquals(new E164Phones.Number("+573001234567"), new E164Phones("CO").read("300 123 4567"));
  }

  @Test
  void whatsAppSendersWithTheOldMexicanMobileOneMatchTheImportedNumber() {
    assertEquals(new E164Phones.Number("+525512345678"), mx.readInternationalDigits("5215512345678"));
    assertEquals(new E164Phones.Number("+525512345678"), mx.readInternationalDigits("525512345678"));
    assertTrue(mx.readInternationalDigits("52abc") instanceof E164Phones.Invalid);
  }

  @Test
  void invalidNumbersSayWhy() {
    assertEquals(new E164Phones.Invalid("phone '12ab' is not a phone number"), mx.read("12ab"));
    assertEquals(new E164Phones.Invalid("phone '123' is not a valid number in MX"), mx.read("123"));
    assertTrue(mx.read("9".repeat(100)) instanceof E164Phones.Invalid);
    assertTrue(mx.read("") instanceof E164Phones.Invalid);
    assertThrows(IllegalArgumentException.class, () -> new E164Phones("ZZ"));
  }
}
