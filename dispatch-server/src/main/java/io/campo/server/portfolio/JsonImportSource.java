package io.campo.server.portfolio;

import io.campo.server.api.ApiException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A JSON body: an array of objects whose members are the CSV's column names. Numbers, booleans
 * and arrays (phones) are accepted where the CSV has text; a row's "line" is its 1-based position.
 */
final class JsonImportSource implements ImportSource {

  private final JsonArray rows;
  private final Set<String> ignored = new LinkedHashSet<>();

  JsonImportSource(String body) {
    Object parsed;
    try {
      parsed = Json.decodeValue(body);
    } catch (DecodeException e) {
      throw ApiException.badRequest("request body is not valid JSON; send an array like [{\"id\": \"C-1\", \"name\": \"Ana\"}]");
    }
    if (!(parsed instanceof JsonArray a)) {
      throw ApiException.badRequest("request body must be a JSON array of debtors like [{\"id\": \"C-1\", \"name\": \"Ana\"}]");
    }
    this.rows = a;
  }

  @Override
  public void forEachRow(RowSink sink) {
    for (int i = 0; i < rows.size(); i++) {
      int line = i + 1;
      if (!(rows.getValue(i) instanceof JsonObject o)) {
        sink.malformed(line, "element " + line + " is not a JSON object");
        continue;
      }
      Map<ImportColumn, String> cells = new EnumMap<>(ImportColumn.class);
      for (Map.Entry<String, Object> member : o) {
        var column = ImportColumn.forHeader(member.getKey());
        if (column.isEmpty()) {
          ignored.add(member.getKey());
        } else if (member.getValue() != null) {
          cells.put(column.get(), text(member.getValue()));
        }
      }
      sink.row(line, cells);
    }
  }

  @Override
  public List<String> ignoredColumns() {
    return new ArrayList<>(ignored);
  }

  private static String text(Object value) {
    // Doubles print 10000000.0 as "1.0E7": written out in plain digits while that stays short. Beyond 1e15 the
    // text goes on as it is (and AmountText refuses its exponent): written out, 1e308 is 309 digits, and Infinity
    // has no BigDecimal at all.
    if (value instanceof Number n) {
      boolean plain = !(n instanceof Double || n instanceof Float) || Math.abs(n.doubleValue()) < 1e15;
      return plain ? new BigDecimal(n.toString()).toPlainString() : n.toString();
    }
    if (value instanceof JsonArray a) {
      return a.stream().map(String::valueOf).collect(Collectors.joining("|"));
    }
    if (value instanceof JsonObject o) {
      return o.encode();
    }
    return String.valueOf(value);
  }
}
