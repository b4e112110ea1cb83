package io.campo.server.questionnaire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnswerValidatorTest {

  static final Question ACKNOWLEDGES = new Question("reconoce", QuestionType.YES_NO, "¿Reconoce la deuda?",
      "Acknowledges the debt?", true, List.of(), null, null, null);
  static final Question INCOME = new Question("ingreso", QuestionType.NUMBER, "Ingreso mensual", null, false, List.of(),
      0.0, 50_000.0, null);
  static final Question REASON = new Question("motivo", QuestionType.SINGLE_CHOICE, "Motivo del atraso", null, true,
      List.of("desempleo", "enfermedad", "otro"), null, null, null);
  static final Question CHANNELS = new Question("canales", QuestionType.MULTIPLE_CHOICE, "Cómo prefiere pagar", null, false,
      List.of("oxxo", "transferencia", "efectivo"), null, null, null);
  static final Question NOTE = new Question("nota", QuestionType.TEXT, "Comentario", null, false, List.of(), null, null, 10);
  static final List<Question> FORM = List.of(ACKNOWLEDGES, INCOME, REASON, CHANNELS, NOTE);

  static Map<String, Object> answers(Object... pairs) {
    Map<String, Object> answers = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      answers.put((String) pairs[i], pairs[i + 1]);
    }
    return answers;
  }

  static List<AnswerError> validate(Object... pairs) {
    return AnswerValidator.validate(FORM, answers(pairs));
  }

  static void assertOnly(String questionId, String reason, List<AnswerError> errors) {
    assertEquals(1, errors.size(), errors.toString());
    assertEquals(questionId, errors.get(0).questionId());
    assertEquals(reason, errors.get(0).reason());
    assertTrue(errors.get(0).message().contains("'" + questionId + "'"), errors.get(0).message());
  }

  @Test
  void completeAnswersFitAndOptionalQuestionsMayBeLeftOut() {
    assertEquals(List.of(), validate("reconoce", true, "motivo", "desempleo"));
    assertEquals(List.of(), validate("reconoce", false, "ingreso", 12_500.5, "motivo", "otro",
        "canales", List.of("oxxo", "efectivo"), "nota", "paga el 5"));
    assertEquals(List.of(), validate("reconoce", true, "motivo", "otro", "nota", null, "canales", List.of()));
  }

  @Test
  void aRequiredQuestionMustBeAnswered() {
    assertOnly("reconoce", "missing", validate("motivo", "otro"));
    assertOnly("reconoce", "missing", validate("reconoce", null, "motivo", "otro"));
    assertOnly("motivo", "missing", validate("reconoce", true, "motivo", "   "));
    List<Question> requiredChannels = List.of(new Question("canales", QuestionType.MULTIPLE_CHOICE, "Canales", null, true,
        List.of("oxxo", "efectivo"), null, null, null));
    assertOnly("canales", "missing", AnswerValidator.validate(requiredChannels, answers("canales", List.of())));
    assertTrue(validate().get(0).message().contains("¿Reconoce la deuda?"), "the message quotes the label");
  }

  @Test
  void eachTypeRefusesAValueOfAnotherType() {
    assertOnly("reconoce", "wrong_type", validate("reconoce", "sí", "motivo", "otro"));
    assertOnly("ingreso", "wrong_type", validate("reconoce", true, "motivo", "otro", "ingreso", "1500"));
    assertOnly("motivo", "wrong_type", validate("reconoce", true, "motivo", List.of("otro")));
    assertOnly("canales", "wrong_type", validate("reconoce", true, "motivo", "otro", "canales", "oxxo"));
    assertOnly("canales", "wrong_type", validate("reconoce", true, "motivo", "otro", "canales", Arrays.asList("oxxo", 3)));
    assertOnly("nota", "wrong_type", validate("reconoce", true, "motivo", "otro", "nota", 42));
  }

  @Test
  void choicesMustBeAmongTheListedOnesAndNotRepeated() {
    assertOnly("motivo", "not_a_choice", validate("reconoce", true, "motivo", "flojera"));
    assertOnly("canales", "not_a_choice", validate("reconoce", true, "motivo", "otro", "canales", List.of("oxxo", "bitcoin")));
    assertOnly("canales", "repeated_choice", validate("reconoce", true, "motivo", "otro", "canales", List.of("oxxo", "oxxo")));
    assertTrue(validate("reconoce", true, "motivo", "flojera").get(0).message().contains("desempleo, enfermedad, otro"));
  }

  @Test
  void numbersMustLieWithinTheirRange() {
    assertOnly("ingreso", "below_min", validate("reconoce", true, "motivo", "otro", "ingreso", -1));
    assertOnly("ingreso", "above_max", validate("reconoce", true, "motivo", "otro", "ingreso", 50_000.01));
    assertEquals(List.of(), validate("reconoce", true, "motivo", "otro", "ingreso", 50_000));
    assertTrue(validate("reconoce", true, "motivo", "otro", "ingreso", -1).get(0).message().contains("at least 0"));
  }

  @Test
  void textsMayNotExceedTheirMaximumLengthCountedInCharacters() {
    assertOnly("nota", "too_long", validate("reconoce", true, "motivo", "otro", "nota", "01234567890"));
    assertEquals(List.of(), validate("reconoce", true, "motivo", "otro", "nota", "añoñoñoño\uD83D\uDE00"),
        "ten characters, one outside the BMP");
  }

  @Test
  void answersToQuestionsTheFormDoesNotHaveAreRefused() {
    assertOnly("q99", "unknown_question", validate("reconoce", true, "motivo", "otro", "q99", "x"));
  }

  @Test
  void everyProblemIsListedInTheOrderOfTheForm() {
    List<AnswerError> errors = validate("ingreso", 99_999, "motivo", "flojera", "zz", 1, "aa", 2, "nota", "demasiado largo");
    assertEquals(List.of("reconoce:missing", "ingreso:above_max", "motivo:not_a_choice", "nota:too_long",
        "aa:unknown_question", "zz:unknown_question"),
        errors.stream().map(e -> e.questionId() + ":" + e.reason()).toList());
  }
}
