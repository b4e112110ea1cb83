package io.campo.server.questionnaire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.campo.server.questionnaire.ApplicableQuestionnaire.Debt;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ApplicableQuestionnaireTest {

  static QuestionnaireVersion version(String key, String product, String segment) {
    return new QuestionnaireVersion(key, 1, product, segment, Instant.EPOCH, List.of(), "admin", Instant.EPOCH);
  }

  static Optional<String> choose(List<QuestionnaireVersion> inForce, String segment, Debt... debts) {
    return ApplicableQuestionnaire.choose(inForce, segment, List.of(debts)).map(QuestionnaireVersion::key);
  }

  static Debt debt(String product, long balance) {
    return new Debt(product, BigDecimal.valueOf(balance));
  }

  static final List<QuestionnaireVersion> IN_FORCE = List.of(
      version("consumo", "Consumo", null),
      version("auto", "auto", null),
      version("auto-premium", "auto", "premium"),
      version("segmento-b", null, "B"));

  @Test
  void aProductMatchWinsOverASegmentMatch() {
    assertEquals(Optional.of("consumo"), choose(IN_FORCE, "B", debt("consumo", 1000)));
    assertEquals(Optional.of("segmento-b"), choose(IN_FORCE, "b", debt("hipoteca", 1000)));
    assertEquals(Optional.of("segmento-b"), choose(IN_FORCE, "B"));
  }

  @Test
  void theDebtWithTheLargestBalanceDecides() {
    assertEquals(Optional.of("auto"), choose(IN_FORCE, null, debt("consumo", 5_000), debt("auto", 90_000)));
    assertEquals(Optional.of("consumo"), choose(IN_FORCE, null, debt("hipoteca", 900_000), debt("consumo", 5_000)),
        "a debt whose product has no questionnaire is passed over");
  }

  @Test
  void aVersionForTheProductInTheDebtorsSegmentWinsOverOneForTheProductAlone() {
    assertEquals(Optional.of("auto-premium"), choose(IN_FORCE, "Premium", debt("auto", 1)));
    assertEquals(Optional.of("auto"), choose(IN_FORCE, "estándar", debt("auto", 1)));
  }

  @Test
  void noQuestionnaireAppliesWhenNothingMatches() {
    assertEquals(Optional.empty(), choose(IN_FORCE, "C", debt("hipoteca", 1)));
    assertEquals(Optional.empty(), choose(List.of(), "B", debt("consumo", 1)));
  }
}
