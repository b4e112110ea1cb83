package io.campo.server.questionnaire;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks a visit's answers against the questions of one questionnaire version and lists every
 * problem at once, so the agent fixes the form in one go.
 *
 * <p>Answers are plain JSON values: a {@code String} (text, single choice), a {@code Number}, a
 * {@code Boolean} (yes/no) or a {@code List} of strings (multiple choice). A {@code null} answer
 * counts as not given; a blank text or an empty multiple choice does not satisfy a required
 * question. Stateless and thread-safe.
 */
public final class AnswerValidator {

  private AnswerValidator() {}

  /** Every problem, in the order of the questions, then the unknown ids in alphabetical order; empty when the answers fit. */
  public static List<AnswerError> validate(List<Question> questions, Map<String, ?> answers) {
    List<AnswerError> errors = new ArrayList<>();
    Set<String> known = new HashSet<>();
    for (Question q : questions) {
      known.add(q.id());
      Object answer = answers.get(q.id());
      if (isEmpty(answer)) {
        if (q.required()) {
          errors.add(new AnswerError(q.id(), "missing", name(q) + " is required"));
        }
      } else {
        check(q, answer, errors);
      }
    }
    for (String id : new TreeSet<>(answers.keySet())) {
      if (!known.contains(id)) {
        errors.add(new AnswerError(id, "unknown_question", "'" + id + "' is not a question of this questionnaire"));
      }
    }
    return errors;
  }

  private static boolean isEmpty(Object answer) {
    return answer == null || answer instanceof String s && s.isBlank() || answer instanceof List<?> l && l.isEmpty();
  }

  private static void check(Question q, Object answer, List<AnswerError> errors) {
    switch (q.type()) {
      case TEXT -> {
        if (!(answer instanceof String text)) {
          errors.add(wrongType(q, "a text", answer));
        } else if (q.maxLength() != null && text.codePointCount(0, text.length()) > q.maxLength()) {
          errors.add(new AnswerError(q.id(), "too_long", name(q) + " allows at most " + q.maxLength()
              + " characters, got " + text.codePointCount(0, text.length())));
        }
      }
      case NUMBER -> {
        if (!(answer instanceof Number n)) {
          errors.add(wrongType(q, "a number", answer));
        } else if (q.min() != null && n.doubleValue() < q.min()) {
          errors.add(new AnswerError(q.id(), "below_min", name(q) + " must be at least " + plain(q.min()) + ", got " + n));
        } else if (q.max() != null && n.doubleValue() > q.max()) {
          errors.add(new AnswerError(q.id(), "above_max", name(q) + " must be at most " + plain(q.max()) + ", got " + n));
        }
      }
      case YES_NO -> {
        if (!(answer instanceof Boolean)) {
          errors.add(wrongType(q, "true (yes) or false (no)", answer));
        }
      }
      case SINGLE_CHOICE -> {
        if (!(answer instanceof String choice)) {
          errors.add(wrongType(q, "one of its choices as a text", answer));
        } else if (!q.choices().contains(choice)) {
          errors.add(notAChoice(q, choice));
        }
      }
      case MULTIPLE_CHOICE -> {
        if (!(answer instanceof List<?> picked) || !picked.stream().allMatch(String.class::isInstance)) {
          errors.add(wrongType(q, "a list of its choices", answer));
          return;
        }
        Set<Object> seen = new HashSet<>();
        for (Object choice : picked) {
          if (!q.choices().contains(choice)) {
            errors.add(notAChoice(q, (String) choice));
          } else if (!seen.add(choice)) {
            errors.add(new AnswerError(q.id(), "repeated_choice", name(q) + " lists '" + choice + "' twice"));
          }
        }
      }
    }
  }

  private static String name(Question q) {
    return "'" + q.id() + "' (" + q.labelEs() + ")";
  }

  private static AnswerError wrongType(Question q, String expected, Object answer) {
    return new AnswerError(q.id(), "wrong_type", name(q) + " must be " + expected + ", got " + describe(answer));
  }

  private static AnswerError notAChoice(Question q, String choice) {
    return new AnswerError(q.id(), "not_a_choice", name(q) + " must be one of " + String.join(", ", q.choices())
        + ", got '" + choice + "'");
  }

  private static String describe(Object answer) {
    return answer instanceof String s ? "'" + s + "'" : String.valueOf(answer);
  }

  private static String plain(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
  }
}
