package io.campo.server.questionnaire;

import java.util.List;

/**
 * One question of a questionnaire version, already checked for consistency by {@link
 * QuestionnaireRequestReader}. Immutable.
 *
 * @param id unique within its version; the key of the answer in a visit's {@code answers}
 * @param labelEs the question as the agent reads it, in Spanish
 * @param labelEn the English label, or null
 * @param choices the allowed answers of a choice question (empty for other types)
 * @param min smallest allowed number (inclusive), or null; number questions only
 * @param max largest allowed number (inclusive), or null; number questions only
 * @param maxLength longest allowed text in characters (code points), or null; text questions only
 */
public record Question(
    String id,
    QuestionType type,
    String labelEs,
    String labelEn,
    boolean required,
    List<String> choices,
    Double min,
    Double max,
    Integer maxLength) {

  public Question {
    choices = List.copyOf(choices);
  }
}
