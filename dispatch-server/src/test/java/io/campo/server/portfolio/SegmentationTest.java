package io.campo.server.portfolio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentationTest {

  private final Segmentation defaults = new Segmentation(SegmentationRules.DEFAULT);

  @Test
  void agingBucketsHaveTheirUsualEdges() {
    assertEquals(AgingBucket.CURRENT, AgingBucket.of(0));
    assertEquals(AgingBucket.DAYS_1_30, AgingBucket.of(1));
    assertEquals(AgingBucket.DAYS_1_30, AgingBucket.of(30));
    assertEquals(AgingBucket.DAYS_31_60, AgingBucket.of(31));
    assertEquals(AgingBucket.DAYS_61_90, AgingBucket.of(90));
    assertEquals(AgingBucket.DAYS_90_PLUS, AgingBucket.of(91));
  }

  @Test
  void daysPastDueCountCalendarDaysAndNeverGoNegative() {
    assertEquals(45, Segmentation.daysPastDue(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 2, 15)));
    assertEquals(0, Segmentation.daysPastDue(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 2, 15)));
  }

  @Test
  void visitValueIsBalanceTimesRecoveryRateTimesPromiseFactor() {
    Segmentation.DebtSegment s = defaults.debt(new BigDecimal("10000.00"), 45, PromiseHistory.NONE);
    assertEquals(AgingBucket.DAYS_31_60, s.agingBucket());
    assertEquals("medium", s.amountBand());
    assertEquals(4500, s.visitValue()); // 10,000 × 0.45
    assertEquals(6600, defaults.debt(new BigDecimal("10000"), 10, new PromiseHistory(1, 0)).visitValue()); // × 0.6 × 1.1
    assertEquals(4200, defaults.debt(new BigDecimal("10000"), 10, new PromiseHistory(0, 2)).visitValue()); // × 0.6 × 0.7
    assertEquals(2400, defaults.debt(new BigDecimal("10000"), 10, new PromiseHistory(0, 9)).visitValue()); // factor floor 0.4
    assertEquals(9000, defaults.debt(new BigDecimal("10000"), 10, new PromiseHistory(9, 0)).visitValue()); // factor cap 1.5
    assertEquals(23, defaults.debt(new BigDecimal("450.99"), 0, PromiseHistory.NONE).visitValue()); // 22.5495 → 23
  }

  @Test
  void amountBandsAreHalfOpen() {
    assertEquals("small", defaults.amountBand(new BigDecimal("4999.99")));
    assertEquals("medium", defaults.amountBand(new BigDecimal("5000")));
    assertEquals("large", defaults.amountBand(new BigDecimal("99999.99")));
    assertEquals("very large", defaults.amountBand(new BigDecimal("100000")));
  }

  @Test
  void aDebtorTakesItsWorstBucketTheBandOfItsTotalAndTheSummedValue() {
    Segmentation.DebtSegment a = defaults.debt(new BigDecimal("3000"), 20, PromiseHistory.NONE); // 1,800
    Segmentation.DebtSegment b = defaults.debt(new BigDecimal("4000"), 100, PromiseHistory.NONE); // 600
    Segmentation.DebtorSegment d = defaults.debtor(List.of(a, b), List.of(new BigDecimal("3000"), new BigDecimal("4000")));
    assertEquals(100, d.daysPastDue());
    assertEquals(AgingBucket.DAYS_90_PLUS, d.agingBucket());
    assertEquals("medium", d.amountBand());
    assertEquals(2400, d.visitValue());
    assertEquals("medium", d.priority());
    assertEquals("high", defaults.priority(5000));
    assertEquals("low", defaults.priority(999));
  }

  @Test
  void rulesFromAFileOverrideOnlyWhatTheyName(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("rules.json");
    Files.writeString(file, "{\"recoveryRate\": {\"31-60\": 0.5}, \"priorities\": [{\"name\": \"visit\", \"minValue\": 100},"
        + " {\"name\": \"skip\", \"minValue\": 0}], \"promises\": {\"brokenPenalty\": 0.25}}");
    Segmentation custom = new Segmentation(SegmentationRules.load(file));
    assertEquals(5000, custom.debt(new BigDecimal("10000"), 45, PromiseHistory.NONE).visitValue());
    assertEquals(3000, custom.debt(new BigDecimal("10000"), 10, new PromiseHistory(0, 2)).visitValue()); // 0.6 × 0.5
    assertEquals("visit", custom.priority(100));
    assertEquals("skip", custom.priority(99));
    assertEquals("medium", custom.amountBand(new BigDecimal("5000")));
  }

  @Test
  void badRulesAreRefusedWithTheirReason() {
    var json = new ObjectMapper();
    var e = assertThrows(IllegalArgumentException.class,
        () -> SegmentationRules.from(json.readTree("{\"recoveryRate\": {\"1-30\": 1.5}}")));
    assertTrue(e.getMessage().contains("1-30"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> SegmentationRules.from(json.readTree("{\"recoveryRate\": {\"120+\": 0.1}}")));
    assertThrows(IllegalArgumentException.class,
        () -> SegmentationRules.from(json.readTree("{\"amountBands\": [{\"name\": \"all\", \"below\": 10}]}")));
  }
}
