package io.campo.server.outreach.campaign;

import io.campo.server.outreach.channel.Channel;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A checked {@code POST /api/campaigns} body: a name, a channel, a template (its id, or its name on the channel), who
 * gets it (exactly one of {@code debtors}: external ids, {@code segment}, or {@code filter}: days past due, balance
 * range, team) and optionally {@code sendAt} (ISO-8601 with offset). Every problem is listed at once.
 */
public record CampaignRequest(String name, Channel channel, Long templateId, String templateName, Selection selection,
    Instant sendAt) {

  public static final String EXAMPLE = "{\"name\":\"Recordatorio julio\",\"channel\":\"whatsapp\",\"template\":\"recordatorio_pago\","
      + "\"debtors\":[\"C-1001\"]} or with \"segment\":\"temprana\" or \"filter\":{\"minDaysPastDue\":1,\"maxDaysPastDue\":30,"
      + "\"minBalance\":\"500\",\"maxBalance\":\"20000\",\"team\":\"norte\"}, and optionally \"sendAt\":\"2026-07-01T09:00:00-06:00\"";
  /** One request names at most this many debtors; larger sets are a segment or a filter. */
  public static final int MAX_DEBTORS = 200_000;

  /** Who the campaign is for. */
  public sealed interface Selection permits Debtors, Segment, Filter {
    JsonObject toJson();
  }

  public record Debtors(List<String> externalIds) implements Selection {
    public JsonObject toJson() {
      return new JsonObject().put("debtors", externalIds.size());
    }
  }

  public record Segment(String segment) implements Selection {
    public JsonObject toJson() {
      return new JsonObject().put("segment", segment);
    }
  }

  /** Null bounds are open. Days past due count from the oldest open debt's due date. */
  public record Filter(Integer minDaysPastDue, Integer maxDaysPastDue, BigDecimal minBalance, BigDecimal maxBalance,
      String team) implements Selection {
    public JsonObject toJson() {
      JsonObject f = new JsonObject();
      if (minDaysPastDue != null) f.put("minDaysPastDue", minDaysPastDue);
      if (maxDaysPastDue != null) f.put("maxDaysPastDue", maxDaysPastDue);
      if (minBalance != null) f.put("minBalance", minBalance.toPlainString());
      if (maxBalance != null) f.put("maxBalance", maxBalance.toPlainString());
      if (team != null) f.put("team", team);
      return new JsonObject().put("filter", f);
    }
  }

  /** Either a request or every reason it is not one. */
  public sealed interface Reading permits Valid, Invalid {}

  public record Valid(CampaignRequest request) implements Reading {}

  public record Invalid(List<String> reasons) implements Reading {}

  public static Reading read(JsonObject o, Instant now) {
    List<String> reasons = new ArrayList<>();
    String name = o.getValue("name") instanceof String s && !s.isBlank() ? s.strip() : null;
    if (name == null) {
      reasons.add("name is required");
    } else if (name.length() > 200) {
      reasons.add("name is longer than 200 characters");
    }
    Channel channel = o.getValue("channel") instanceof String s ? Channel.parse(s).orElse(null) : null;
    if (channel == null) {
      reasons.add("channel must be whatsapp, sms or email");
    }
    Long templateId = null;
    String templateName = null;
    Object t = o.getValue("template");
    if (t instanceof Number n && n.longValue() > 0 && n.doubleValue() == n.longValue()) {
      templateId = n.longValue();
    } else if (t instanceof String s && !s.isBlank()) {
      templateName = s.strip();
    } else {
      reasons.add("template is required: the template's id or its name on the channel");
    }
    Selection selection = selection(o, reasons);
    Instant sendAt = now;
    if (o.getValue("sendAt") != null) {
      if (o.getValue("sendAt") instanceof String s) {
        try {
          sendAt = OffsetDateTime.parse(s.strip()).toInstant();
        } catch (DateTimeException e) {
          reasons.add("sendAt '" + s + "' is not an ISO-8601 time with its offset, like 2026-07-01T09:00:00-06:00");
        }
      } else {
        reasons.add("sendAt must be a string like 2026-07-01T09:00:00-06:00");
      }
    }
    if (!reasons.isEmpty()) {
      return new Invalid(reasons);
    }
    return new Valid(new CampaignRequest(name, channel, templateId, templateName, selection, sendAt));
  }

  private static Selection selection(JsonObject o, List<String> reasons) {
    int given = (o.containsKey("debtors") ? 1 : 0) + (o.containsKey("segment") ? 1 : 0) + (o.containsKey("filter") ? 1 : 0);
    if (given != 1) {
      reasons.add("give exactly one of debtors (a list of debtor ids), segment, or filter");
      return null;
    }
    if (o.containsKey("debtors")) {
      if (!(o.getValue("debtors") instanceof JsonArray a) || a.isEmpty()) {
        reasons.add("debtors must be a non-empty list of debtor ids");
        return null;
      }
      if (a.size() > MAX_DEBTORS) {
        reasons.add("debtors lists " + a.size() + " ids; at most " + MAX_DEBTORS + " (use a segment or a filter)");
        return null;
      }
      Set<String> ids = new LinkedHashSet<>();
      for (Object id : a) {
        if (!(id instanceof String s) || s.isBlank() || s.length() > 500) {
          reasons.add("debtors must hold debtor ids as strings, found " + (id == null ? "null" : shorten(String.valueOf(id))));
          return null;
        }
        ids.add(s.strip());
      }
      return new Debtors(List.copyOf(ids));
    }
    if (o.containsKey("segment")) {
      if (!(o.getValue("segment") instanceof String s) || s.isBlank()) {
        reasons.add("segment must be a segment's name");
        return null;
      }
      return new Segment(s.strip());
    }
    if (!(o.getValue("filter") instanceof JsonObject f)) {
      reasons.add("filter must be an object like {\"minDaysPastDue\":1,\"maxDaysPastDue\":30}");
      return null;
    }
    Integer minDpd = days(f, "minDaysPastDue", reasons);
    Integer maxDpd = days(f, "maxDaysPastDue", reasons);
    BigDecimal minBalance = amount(f, "minBalance", reasons);
    BigDecimal maxBalance = amount(f, "maxBalance", reasons);
    String team = f.getValue("team") instanceof String s && !s.isBlank() ? s.strip() : null;
    if (f.getValue("team") != null && team == null) {
      reasons.add("filter.team must be a team's id");
    }
    for (String key : f.fieldNames()) {
      if (!Set.of("minDaysPastDue", "maxDaysPastDue", "minBalance", "maxBalance", "team").contains(key)) {
        reasons.add("filter." + shorten(key) + " is not a filter; use minDaysPastDue, maxDaysPastDue, minBalance, maxBalance, team");
      }
    }
    if (minDpd != null && maxDpd != null && minDpd > maxDpd) {
      reasons.add("filter.minDaysPastDue " + minDpd + " is above maxDaysPastDue " + maxDpd);
    }
    if (minBalance != null && maxBalance != null && minBalance.compareTo(maxBalance) > 0) {
      reasons.add("filter.minBalance " + minBalance.toPlainString() + " is above maxBalance " + maxBalance.toPlainString());
    }
    return new Filter(minDpd, maxDpd, minBalance, maxBalance, team);
  }

  private static Integer days(JsonObject f, String key, List<String> reasons) {
    Object v = f.getValue(key);
    if (v == null) {
      return null;
    }
    if (v instanceof Number n && n.doubleValue() == n.intValue() && n.intValue() >= -3650 && n.intValue() <= 36500) {
      return n.intValue();
    }
    reasons.add("filter." + key + " must be a whole number of days (negative: days before the due date)");
    return null;
  }

  private static BigDecimal amount(JsonObject f, String key, List<String> reasons) {
    Object v = f.getValue(key);
    if (v == null) {
      return null;
    }
    try {
      BigDecimal b = new BigDecimal(String.valueOf(v).strip());
      if (b.signum() >= 0 && b.compareTo(new BigDecimal("1000000000000")) < 0) {
        return b;
      }
    } catch (NumberFormatException e) {
      // falls through
    }
    reasons.add("filter." + key + " must be a non-negative amount like \"500.00\"");
    return null;
  }

  private static String shorten(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "…";
  }
}
