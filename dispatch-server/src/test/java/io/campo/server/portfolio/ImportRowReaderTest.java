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
