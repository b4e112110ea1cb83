package io.campo.server.portfolio;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * What an import did.
 *
 * @param rows data rows read (valid and rejected)
 * @param imported debtors that did not exist before this import
 * @param updated debtors that existed and were updated
 * @param rejected rejected rows in line order, at most {@link PortfolioImport#MAX_LISTED_REJECTIONS}
 * @param rejectedCount every rejected row, listed or not
 * @param warned rows imported without part of their content (invalid phone numbers), at most
 *     {@link PortfolioImport#MAX_LISTED_REJECTIONS}
 */
public record ImportReport(String importId, int rows, int imported, int updated, List<ImportRow.Rejection> rejected,
    int rejectedCount, List<String> ignoredColumns, long millis, List<ImportRow.Warning> warned) {

  public JsonObject toJson() {
    JsonArray list = new JsonArray();
    for (ImportRow.Rejection r : rejected) {
      JsonObject o = new JsonObject().put("line", r.line());
      if (r.externalId() != null) {
        o.put("externalId", r.externalId());
      }
      list.add(o.put("reasons", new JsonArray(r.reasons())));
    }
    JsonArray warnings = new JsonArray();
    for (ImportRow.Warning w : warned) {
      warnings.add(new JsonObject().put("line", w.line()).put("externalId", w.externalId())
          .put("warnings", new JsonArray(w.warnings())));
    }
    return new JsonObject().put("importId", importId).put("rows", rows).put("imported", imported).put("updated", updated)
        .put("rejected", list).put("rejectedCount", rejectedCount).put("ignoredColumns", new JsonArray(ignoredColumns))
        .put("millis", millis).put("warnings", warnings);
  }
}
