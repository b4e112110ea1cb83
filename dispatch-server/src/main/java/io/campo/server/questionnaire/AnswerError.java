package io.campo.server.questionnaire;

/**
 * Why one answer does not fit its question.
 *
 * @param questionId the offending question (or the unknown id the phone sent)
 * @param reason a stable code: {@code missing}, {@code wrong_type}, {@code not_a_choice},
 *     {@code repeated_choice}, {@code below_min}, {@code above_max}, {@code too_long},
 *     {@code unknown_question}
 * @param message what to fix, naming the question
 */
public record AnswerError(String questionId, String reason, String message) {}
