package io.campo.server.outreach.template;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A template's text split into literal parts and {@code {variable}}s. Parsing refuses unknown variables and stray
 * braces, so a template that was stored can always be rendered. Immutable, thread-safe.
 */
public final class TemplateBody {

  /** Why a body cannot be a template. */
  public static final class Invalid extends Exception {
    Invalid(String message) {
      super(message);
    }
  }

  private sealed interface Part permits Literal, Variable {}

  private record Literal(String text) implements Part {}

  private record Variable(TemplateVariable variable) implements Part {}

  private final List<Part> parts;

  private TemplateBody(List<Part> parts) {
    this.parts = List.copyOf(parts);
  }

  public static TemplateBody parse(String body) throws Invalid {
    List<Part> parts = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    StringBuilder literal = new StringBuilder();
    int i = 0;
    while (i < body.length()) {
      char ch = body.charAt(i);
      if (ch == '}') {
        throw new Invalid("'}' at character " + (i + 1) + " closes no variable; variables are written {nombre}");
      }
      if (ch != '{') {
        literal.append(ch);
        i++;
        continue;
      }
      int close = body.indexOf('}', i);
      int nextOpen = body.indexOf('{', i + 1);
      if (close < 0 || (nextOpen >= 0 && nextOpen < close)) {
        throw new Invalid("'{' at character " + (i + 1) + " is not closed; variables are written {nombre}");
      }
      String name = body.substring(i + 1, close);
      var variable = TemplateVariable.of(name);
      if (variable.isEmpty()) {
        unknown.add("{" + name + "}");
      } else {
        if (literal.length() > 0) {
          parts.add(new Literal(literal.toString()));
          literal.setLength(0);
        }
        parts.add(new Variable(variable.get()));
      }
      i = close + 1;
    }
    if (!unknown.isEmpty()) {
      throw new Invalid("unknown variable" + (unknown.size() > 1 ? "s " : " ") + String.join(", ", unknown)
          + "; a template may use " + TemplateVariable.listed());
    }
    if (literal.length() > 0) {
      parts.add(new Literal(literal.toString()));
    }
    return new TemplateBody(parts);
  }

  /** Every variable the body uses. */
  public Set<TemplateVariable> variables() {
    Set<TemplateVariable> used = EnumSet.noneOf(TemplateVariable.class);
    for (Part p : parts) {
      if (p instanceof Variable v) {
        used.add(v.variable());
      }
    }
    return used;
  }

  /** The values of the variables in order of appearance: WhatsApp's body parameters {{1}}, {{2}}, … */
  public List<String> parameters(Map<TemplateVariable, String> values) {
    List<String> out = new ArrayList<>();
    for (Part p : parts) {
      if (p instanceof Variable v) {
        out.add(values.get(v.variable()));
      }
    }
    return out;
  }

  /** The text with every variable replaced; the caller checked that {@code values} has all of them. */
  public String render(Map<TemplateVariable, String> values) {
    StringBuilder out = new StringBuilder();
    for (Part p : parts) {
      if (p instanceof Literal l) {
        out.append(l.text());
      } else if (p instanceof Variable v) {
        out.append(values.get(v.variable()));
      }
    }
    return out.toString();
  }
}
