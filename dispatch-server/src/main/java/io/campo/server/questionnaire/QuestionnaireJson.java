package io.campo.server.questionnaire;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Questions and versions as JSON: the shape of the API and of the {@code questions} column
 * (stored exactly as the API shows them, so a stored version reads back unchanged).
 */
public final class QuestionnaireJson {

  private QuestionnaireJson() {}

  public static JsonObject version(QuestionnaireVersion v, boolean inForce) {
    return new JsonObject().put("key", v.key()).put("version", v.version())
        .put("appliesTo", new JsonObject().put("product", v.product()).put("segment", v.segment()))
        .put("validFrom", v.validFrom().toString()).put("inForce", inForce)
        .put("questions", questions(v.questions()))
        .put("createdBy", v.createdBy()).put("createdAt", v.createdAt().toString());
  }

  static JsonArray questions(List<Question> questions) {
    JsonArray array = new JsonArray();
    for (Question q : questions) {
      JsonObject label = new JsonObject().put("es", q.labelEs());
      if (q.labelEn() != null) {
        label.put("en", q.labelEn());
      }
      JsonObject json = new JsonObject().put("id", q.id()).put("type", q.type().code()).put("label", label)
          .put("required", q.required());
      if (q.type().hasChoices()) {
        json.put("choices", new JsonArray(new ArrayList<>(q.choices())));
      }
      putIfSet(json, "min", q.min());
      putIfSet(json, "max", q.max());
      putIfSet(json, "maxLength", q.maxLength());
      array.add(json);
    }
    return array;
  }

  /** Reads back what {@link #questions} wrote (a stored column, already validated when created). */
  static List<Question> questions(String storedJson) {
    List<Question> questions = new ArrayList<>();
    for (Object o : new JsonArray(storedJson)) {
      JsonObject q = (JsonObject) o;
      JsonObject label = q.getJsonObject("label");
      List<String> choices = new ArrayList<>();
      if (q.getJsonArray("choices") != null) {
        q.getJsonArray("choices").forEach(c -> choices.add((String) c));
      }
      questions.add(new Question(q.getString("id"), QuestionType.fromCode(q.getString("type")).orElseThrow(),
          label.getString("es"), label.getString("en"), q.getBoolean("required", false), choices,
          q.getDouble("min"), q.getDouble("max"), q.getInteger("maxLength")));
    }
    return questions;
  }

  private static void putIfSet(JsonObject json, String name, Object value) {
    if (value != null) {
      json.put(name, value);
    }
  }
}
