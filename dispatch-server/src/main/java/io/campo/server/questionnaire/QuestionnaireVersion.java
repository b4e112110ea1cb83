package io.campo.server.questionnaire;

import java.time.Instant;
import java.util.List;

/**
 * One stored, immutable version of a questionnaire. A version is in force from its {@code
 * validFrom} until the next version of the same key takes over.
 *
 * @param key the questionnaire ("consumer-loans"), shared by all its versions
 * @param version 1, 2, … per key
 * @param product the debt product it applies to, or null
 * @param segment the debtor segment it applies to, or null (at least one of the two is set; both:
 *     only debtors of that segment with a debt of that product)
 */
public record QuestionnaireVersion(
    String key,
    int version,
    String product,
    String segment,
    Instant validFrom,
    List<Question> questions,
    String createdBy,
    Instant createdAt) {

  public QuestionnaireVersion {
    questions = List.copyOf(questions);
  }
}
