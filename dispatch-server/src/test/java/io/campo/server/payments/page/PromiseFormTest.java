package io.campo.server.payments.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The "prometer pago" form's rules, without a server. */
class PromiseFormTest {

  static final LocalDate TODAY = LocalDate.of(2026, 12, 4);
  static final Map<String, BigDecimal> MXN = Map.of("MXN", new BigDecimal("750.50"));

  static PromiseForm.Reading read(String date, String amount, String currency, Map<String, BigDecimal> balances) {
    return PromiseForm.read(date, amount, currency, TODAY, balances);
  }

  @Test
  void aPromiseFromTomorrowUpToThirtyDaysAndUpToTheBalanceIsRead() {
    PromiseForm.Reading r = read("2026-12-05", "750,50", null, MXN);
    assertTrue(r.ok(), r.problems().toString());
    assertEquals(new PromiseForm.Promise(LocalDate.of(2026, 12, 5), new BigDecimal("750.50"), "MXN"), r.promise());
    assertTrue(read("2027-01-03", "$ 1", "MXN", MXN).ok(), "the 30th day is the last");
    assertEquals(new BigDecimal("1.50"), read("2026-12-10", "1.5", null, MXN).promise().amount(), "two decimals, always");
  }

  @Test
  void everyProblemIsNamedAtOnce() {
    PromiseForm.Reading r = read("2026-12-04", "1e3", null, MXN);
    assertFalse(r.ok());
    assertEquals(2, r.problems().size(), r.problems().toString());
    assertTrue(r.problems().get(0).contains("a partir de mañana"));
    assertTrue(r.problems().get(1).contains("no es válido"));
  }

  @Test
  void badDatesAndAmountsAreRefused() {
    assertTrue(read("2027-01-04", "10", null, MXN).problems().get(0).contains("a lo más dentro de 30 días"));
    assertTrue(read("2026-02-30", "10", null, MXN).problems().get(0).contains("no es válida"));
    assertTrue(read("2026-12-05T00:00", "10", null, MXN).problems().get(0).contains("no es válida"));
    assertTrue(read("x".repeat(10_000), "10", null, MXN).problems().get(0).contains("no es válida"));
    assertTrue(read(null, "10", null, MXN).problems().get(0).contains("Elige la fecha"));
    assertTrue(read("2026-12-05", "750.51", null, MXN).problems().get(0).contains("mayor que tu saldo pendiente de $750.50"));
    assertTrue(read("2026-12-05", "0.00", null, MXN).problems().get(0).contains("mayor que cero"));
    assertTrue(read("2026-12-05", "-5", null, MXN).problems().get(0).contains("mayor que cero"));
    assertTrue(read("2026-12-05", "10.001", null, MXN).problems().get(0).contains("no es válido"));
    assertTrue(read("2026-12-05", "9".repeat(40), null, MXN).problems().get(0).contains("no es válido"));
    assertTrue(read("2026-12-05", "", null, MXN).problems().get(0).contains("Escribe el monto"));
  }

  @Test
  void theCurrencyMustBeOneOwedAndIsAskedForWhenThereAreSeveral() {
    Map<String, BigDecimal> two = new LinkedHashMap<>();
    two.put("MXN", new BigDecimal("100.00"));
    two.put("USD", new BigDecimal("20.00"));
    assertTrue(read("2026-12-05", "10", null, two).problems().contains("Elige la moneda de tu pago."));
    assertTrue(read("2026-12-05", "20", "USD", two).ok());
    assertTrue(read("2026-12-05", "21", "USD", two).problems().get(0).contains("saldo pendiente"));
    assertTrue(read("2026-12-05", "10", "EUR", two).problems().contains("Elige la moneda de tu pago."));
    assertTrue(read("2026-12-05", "10", null, Map.of()).problems().get(0).contains("No tienes saldo pendiente"));
  }
}
