package io.campo.server.questionnaire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.campo.server.api.ApiException;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuestionnaireRequestReaderTest {

  static final Instant NOW = Instant.parse("2026-11-24T15:00:00Z");

  static QuestionnaireDraft read(String json) {
    return new QuestionnaireRequestReader().read(new JsonObject(json), NOW);
  }

  static String error(String json) {
    ApiException e = assertThrows(ApiException.class, () -> read(json));
    assertEquals(400, e.status());
    return e.getMessage();
  }

  @Test
  void aCompleteDefinitionIsRead() {
    QuestionnaireDraft d = read("""
        {"key": "consumer-loans", "appliesTo": {"product": " consumo ", "segment": "A"}, "validFrom": "2026-12-01T00:00:00-06:00",
         "questions": [
           {"id": "reconoce", "type": "yes_no", "label": {"es": "¿Reconoce la deuda?", "en": "Acknowledges the debt?"}, "required": true},
           {"id": "ingreso", "type": "number", "label": {"es": "Ingreso"}, "min": 0, "max": 100000.5},
           {"id": "motivo", "type": "single_choice", "label": {"es": "Motivo"}, "choices": ["desempleo", "otro"]},
           {"id": "canales", "type": "multiple_choice", "label": {"es": "Canales"}, "choices": ["oxxo", "banco"]},
           {"id": "nota", "type": "text", "label": {"es": "Nota"}, "maxLength": 280}]}
        """);
    assertEquals("consumer-loans", d.key());
    assertEquals("consumo", d.product());
    assertEquals("A", d.segment());
    assertEquals(Instant.parse("2026-12-01T06:00:00Z"), d.validFrom());
    assertEquals(5, d.questions().size());
    Question acknowledges = d.questions().get(0);
    assertEquals(QuestionType.YES_NO, acknowledges.type());
    assertTrue(acknowledges.required());
    assertEquals("Acknowledges the debt?", acknowledges.labelEn());
    assertEquals(100000.5, d.questions().get(1).max());
    assertEquals(List.of("desempleo", "otro"), d.questions().get(2).choices());
    assertEquals(280, d.questions().get(4).maxLength());
    assertEquals(false, d.questions().get(4).required(), "required defaults to false");
    assertNull(d.questions().get(4).labelEn());
  }

  @Test
  void validFromDefaultsToNowAndASegmentAloneIsEnough() {
    QuestionnaireDraft d = read("""
        {"key": "seg-b", "appliesTo": {"segment": "B"}, "questions": [{"id": "q1", "type": "text", "label": {"es": "¿Quién atendió?"}}]}
        """);
    assertEquals(NOW, d.validFrom());
    assertNull(d.product());
  }

  @Test
  void everyProblemOfTheDefinitionIsNamed() {
    String error = error("""
        {"key": "con espacios", "appliesTo": {}, "validFrom": "mañana",
         "questions": [
           {"id": "q1", "type": "yes_no", "label": {"es": "Uno"}},
           {"id": "q1", "type": "text", "label": {"es": "Otra vez q1"}},
           {"id": "q2", "type": "date", "label": {"es": "Fecha"}},
           {"id": "q3", "type": "single_choice", "label": {"es": "Sin opciones"}},
           {"id": "q4", "type": "multiple_choice", "label": {"es": "Repetidas"}, "choices": ["a", "a"]},
           {"id": "q5", "type": "text", "label": {"en": "English only"}, "choices": ["x", "y"], "maxLength": 0},
           {"id": "q6", "type": "number", "label": {"es": "Rango"}, "min": 10, "max": 1, "maxLength": 5},
           {"id": "q7", "type": "yes_no", "label": {"es": "Requerida"}, "required": "sí"},
           {"type": "text", "label": {"es": "Sin id"}}]}
        """);
    for (String expected : List.of("'key' must be", "'appliesTo' must name a 'product', a 'segment' or both", "'validFrom' must be",
        "question id 'q1' is used twice", "questions[2] 'q2': 'type' must be one of text, number, single_choice,"
            + " multiple_choice, yes_no, got 'date'",
        "questions[3] 'q3': a choice question needs 'choices'", "questions[4] 'q4': choice 'a' is listed twice",
        "questions[5] 'q5': 'label.es' must be", "questions[5] 'q5': 'choices' are only for",
        "questions[5] 'q5': 'maxLength' must be a whole number", "questions[6] 'q6': 'min' 10.0 is greater than 'max' 1.0",
        "questions[6] 'q6': 'maxLength' is only for text questions", "questions[7] 'q7': 'required' must be true or false",
        "questions[8]: 'id' must be")) {
      assertTrue(error.contains(expected), "missing \"" + expected + "\" in: " + error);
    }
  }

  @Test
  void aDefinitionNeedsQuestionsAndATarget() {
    assertTrue(error("{\"key\": \"k\", \"appliesTo\": {\"product\": \"consumo\"}, \"questions\": []}").contains("'questions' must be a list"));
    assertTrue(error("{\"key\": \"k\", \"questions\": [{\"id\": \"q\", \"type\": \"text\", \"label\": {\"es\": \"x\"}}]}")
        .contains("'appliesTo' is required"));
  }
}
