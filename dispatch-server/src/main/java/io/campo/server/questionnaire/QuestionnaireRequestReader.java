package io.campo.server.questionnaire;

import io.campo.server.api.ApiException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the body of {@code POST /api/questionnaires}; every problem of the definition is reported
 * at once, each naming its question ("questions[2] 'motivo': …").
 */
final class QuestionnaireRequestReader {

  static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  static final int MAX_QUESTIONS = 200;
  static final int MAX_CHOICES = 100;
  static final int MAX_LABEL = 500;
  static final int MAX_TEXT_LENGTH = 10_000;
  static final String EXAMPLE = "{\"key\": \"consumer-loans\", \"appliesTo\": {\"product\": \"consumo\"},"
      + " \"validFrom\": \"2026-12-01T00:00:00Z\", \"questions\": [{\"id\": \"reconoce\", \"type\": \"yes_no\","
      + " \"label\": {\"es\": \"¿Reconoce la deuda?\", \"en\": \"Does the debtor acknowledge the debt?\"}, \"required\": true}]}";

  private final List<String> problems = new ArrayList<>();

  /** @param now the validFrom of a version that names none */
  QuestionnaireDraft read(JsonObject body, Instant now) {
    String key = body.getValue("key") instanceof String k && ID.matcher(k).matches() ? k : null;
    if (key == null) {
      problems.add("'key' must be 1-64 letters, digits, '.', '_' or '-' (e.g. consumer-loans), got " + quoted(body.getValue("key")));
    }
    String product = null;
    String segment = null;
    if (body.getValue("appliesTo") instanceof JsonObject a) {
      int before = problems.size();
      product = target(a, "product");
      segment = target(a, "segment");
      if (product == null && segment == null && problems.size() == before) {
        problems.add("'appliesTo' must name a 'product', a 'segment' or both");
      }
    } else {
      problems.add("'appliesTo' is required: {\"product\": \"consumo\"}, {\"segment\": \"A\"} or both");
    }
    Instant validFrom = now;
    if (body.getValue("validFrom") != null) {
      validFrom = instant(body.getValue("validFrom"));
    }
    List<Question> questions = new ArrayList<>();
    if (body.getValue("questions") instanceof JsonArray array && !array.isEmpty() && array.size() <= MAX_QUESTIONS) {
      Set<String> ids = new HashSet<>();
      for (int i = 0; i < array.size(); i++) {
        String where = "questions[" + i + "]";
        if (!(array.getValue(i) instanceof JsonObject q)) {
          problems.add(where + " must be an object");
          continue;
        }
        question(q, where).ifPresent(question -> {
          if (!ids.add(question.id())) {
            problems.add(where + ": question id '" + question.id() + "' is used twice; ids must be unique");
          } else {
            questions.add(question);
          }
        });
      }
    } else {
      problems.add("'questions' must be a list of 1 to " + MAX_QUESTIONS + " questions");
    }
    if (!problems.isEmpty()) {
      throw ApiException.badRequest(String.join("; ", problems));
    }
    return new QuestionnaireDraft(key, product, segment, validFrom, questions);
  }

  private Optional<Question> question(JsonObject q, String where) {
    int before = problems.size();
    String id = q.getValue("id") instanceof String s && ID.matcher(s).matches() ? s : null;
    if (id == null) {
      problems.add(where + ": 'id' must be 1-64 letters, digits, '.', '_' or '-', got " + quoted(q.getValue("id")));
    } else {
      where = where + " '" + id + "'";
    }
    Optional<QuestionType> type = q.getValue("type") instanceof String t ? QuestionType.fromCode(t) : Optional.empty();
    if (type.isEmpty()) {
      problems.add(where + ": 'type' must be one of " + QuestionType.codes() + ", got " + quoted(q.getValue("type")));
    }
    String labelEs = null;
    String labelEn = null;
    if (q.getValue("label") instanceof JsonObject label) {
      labelEs = label(label, "es", where, true);
      labelEn = label(label, "en", where, false);
    } else {
      problems.add(where + ": 'label' is required: {\"es\": \"texto en español\", \"en\": \"optional English\"}");
    }
    boolean required = false;
    if (q.getValue("required") instanceof Boolean r) {
      required = r;
    } else if (q.getValue("required") != null) {
      problems.add(where + ": 'required' must be true or false");
    }
    List<String> choices = choices(q, where, type.map(QuestionType::hasChoices).orElse(true));
    Double min = number(q, "min", where, type.orElse(null) == QuestionType.NUMBER);
    Double max = number(q, "max", where, type.orElse(null) == QuestionType.NUMBER);
    if (min != null && max != null && min > max) {
      problems.add(where + ": 'min' " + min + " is greater than 'max' " + max);
    }
    Integer maxLength = maxLength(q, where, type.orElse(null) == QuestionType.TEXT);
    if (problems.size() > before) {
      return Optional.empty();
    }
    return Optional.of(new Question(id, type.get(), labelEs, labelEn, required, choices, min, max, maxLength));
  }

  private String label(JsonObject label, String language, String where, boolean required) {
    Object value = label.getValue(language);
    if (value == null && !required) {
      return null;
    }
    if (value instanceof String s && !s.isBlank() && s.length() <= MAX_LABEL) {
      return s.strip();
    }
    problems.add(where + ": 'label." + language + "' must be a text of 1 to " + MAX_LABEL + " characters"
        + (required ? " (the Spanish label is required)" : ""));
    return null;
  }

  private List<String> choices(JsonObject q, String where, boolean allowed) {
    Object value = q.getValue("choices");
    if (!allowed) {
      if (value != null) {
        problems.add(where + ": 'choices' are only for single_choice and multiple_choice questions");
      }
      return List.of();
    }
    List<String> choices = new ArrayList<>();
    if (value instanceof JsonArray array && array.size() >= 2 && array.size() <= MAX_CHOICES) {
      for (Object c : array) {
        if (!(c instanceof String s) || s.isBlank() || s.length() > MAX_LABEL) {
          problems.add(where + ": every choice must be a text of 1 to " + MAX_LABEL + " characters, got " + quoted(c));
        } else if (choices.contains(s)) {
          problems.add(where + ": choice '" + s + "' is listed twice");
        } else {
          choices.add(s);
        }
      }
    } else {
      problems.add(where + ": a choice question needs 'choices', a list of 2 to " + MAX_CHOICES + " texts");
    }
    return choices;
  }

  private Double number(JsonObject q, String name, String where, boolean allowed) {
    Object value = q.getValue(name);
    if (value == null) {
      return null;
    }
    if (!allowed) {
      problems.add(where + ": '" + name + "' is only for number questions");
      return null;
    }
    if (value instanceof Number n) {
      return n.doubleValue();
    }
    problems.add(where + ": '" + name + "' must be a number, got " + quoted(value));
    return null;
  }

  private Integer maxLength(JsonObject q, String where, boolean allowed) {
    Object value = q.getValue("maxLength");
    if (value == null) {
      return null;
    }
    if (!allowed) {
      problems.add(where + ": 'maxLength' is only for text questions");
      return null;
    }
    if (value instanceof Integer n && n >= 1 && n <= MAX_TEXT_LENGTH) {
      return n;
    }
    problems.add(where + ": 'maxLength' must be a whole number from 1 to " + MAX_TEXT_LENGTH + ", got " + quoted(value));
    return null;
  }

  private String target(JsonObject appliesTo, String name) {
    Object value = appliesTo.getValue(name);
    if (value == null) {
      return null;
    }
    if (value instanceof String s && !s.isBlank() && s.length() <= 200) {
      return s.strip();
    }
    problems.add("'appliesTo." + name + "' must be a non-empty text, got " + quoted(value));
    return null;
  }

  private Instant instant(Object value) {
    if (value instanceof String s) {
      try {
        return OffsetDateTime.parse(s).toInstant();
      } catch (DateTimeParseException e) {
        // reported below
      }
    }
    problems.add("'validFrom' must be an ISO-8601 time with offset, e.g. 2026-12-01T00:00:00-06:00, got " + quoted(value));
    return null;
  }

  private static String quoted(Object value) {
    return value instanceof String s ? "'" + s + "'" : String.valueOf(value);
  }
}
