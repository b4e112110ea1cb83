package io.campo.server.portfolio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class ImportRowReaderTest {

  @Test
  void amountsAreReadAsSpreadsheetsWriteThem() {
    assertEquals(new BigDecimal("1234.5"), AmountText.parse("1234.5"));
    assertEquals(new BigDecimal("1234.50"), AmountText.parse("1,234.50"));
    assertEquals(new BigDecimal("1234.50"), AmountText.parse("1.234,50"));
    assertEquals(new BigDecimal("1234.50"), AmountText.parse("1234,50"));
    assertEquals(new BigDecimal("1234"), AmountText.parse("$ 1,234"));
    assertEquals(new BigDecimal("-5"), AmountText.parse("-5"));
    assertNull(AmountText.parse("12x"));
  }

  @Test
  void amountsAreCheckedAsTextBeforeAnyBigDecimalIsBuilt() {
    assertEquals("is not an amount (no exponent: write the digits out, like 1500.00)", AmountText.read("1E+999999999").problem());
    assertEquals("is not an amount (no exponent: write the digits out, like 1500.00)", AmountText.read("1.0e3").problem());
    assertEquals("has more than 15 digits before the point", AmountText.read("1234567890123456").problem());
    assertEquals(new BigDecimal("123456789012345"), AmountText.parse("123456789012345"));
    assertEquals("has more than 2 decimals", AmountText.read("1.505").problem());
    assertEquals(new BigDecimal("1.50"), AmountText.parse("1.500"));
    assertEquals("is not an amount (at most 32 characters)", AmountText.read("1".repeat(1_000_000)).problem());
    assertNull(AmountText.parse("Infinity"));
    assertNull(AmountText.parse("NaN"));
  }

  @Test
  void headersMatchIgnoringCaseAccentsAndSpaces() {
    assertEquals(ImportColumn.DUE_DATE, ImportColumn.forHeader(" Fecha de Vencimiento ").orElseThrow());
    assertEquals(ImportColumn.PHONES, ImportColumn.forHeader("Teléfono").orElseThrow());
    assertEquals(ImportColumn.ADDRESS, ImportColumn.forHeader("Dirección").orElseThrow());
    assertEquals(ImportColumn.EXTERNAL_ID, ImportColumn.forHeader("Cliente_ID").orElseThrow());
  }

  @Test
  void theDelimiterIsTheOneTheHeaderUsesOutsideQuotes() {
    assertEquals(';', CsvImportSource.delimiterOf("id;nombre;\"saldo, total\""));
    assertEquals(',', CsvImportSource.delimiterOf("id,name,\"a;b;c\""));
    assertEquals('\t', CsvImportSource.delimiterOf("id\tname\tbalance"));
  }
}
