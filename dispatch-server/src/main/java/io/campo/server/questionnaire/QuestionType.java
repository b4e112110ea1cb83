package io.campo.server.questionnaire;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The kinds of question a questionnaire may ask, with the name used in JSON ("single_choice"). */
public enum QuestionType {
  TEXT,
  NUMBER,
  SINGLE_CHOICE,
  MULTIPLE_CHOICE,
  YES_NO;

  /** The JSON name. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean hasChoices() {
    return this == SINGLE_CHOICE || this == MULTIPLE_CHOICE;
  }

  public static Optional<QuestionType> fromCode(String code) {
    return Arrays.stream(values()).filter(t -> t.code().equals(code)).findFirst();
  }

  /** "text, number, …", for error messages. */
  public static String codes() {
    return Arrays.stream(values()).map(QuestionType::code).collect(Collectors.joining(", "));
  }
}
