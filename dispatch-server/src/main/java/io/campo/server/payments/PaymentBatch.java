package io.campo.server.payments;

import io.campo.server.api.ApiException;
import io.campo.server.team.DebtorScope;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Records many payments (a JSON array or a CSV), each in its own transaction, so a bad row never takes the others with
 * it: the answer lists every refused row with every reason, like the portfolio import's report. Rows are numbered by
 * their CSV line (the header is line 1) or their index in the JSON array (from 0). Blocking (JDBC).
 */
public final class PaymentBatch {

  /** At most this many rows per request: a bank's daily file is a few thousand; more is a different tool's job. */
  public static final int MAX_ROWS = 50_000;
  /** A file of a million bad rows must not become an answer of a million reasons. */
  static final int MAX_LISTED_REJECTIONS = 10_000;

  /** One row of the body: its number and its fields by name, or why it could not be read at all. */
  public record Row(int number, Map<String, String> fields, String malformed) {}

  private final PaymentLedger ledger;
  private final PaymentReader reader;

  public PaymentBatch(PaymentLedger ledger, PaymentReader reader) {
    this.ledger = ledger;
    this.reader = reader;
  }

  /** @param numbering "line" for a CSV, "index" for a JSON array: the name of each rejection's number */
  public JsonObject record(List<Row> rows, String numbering, String actor, DebtorScope caller) throws SQLException {
    if (rows.size() > MAX_ROWS) {
      throw new ApiException(413, rows.size() + " payments in one request; send at most " + MAX_ROWS + " per request");
    }
    int created = 0;
    int unchanged = 0;
    int rejectedCount = 0;
    JsonArray rejected = new JsonArray();
    JsonArray ids = new JsonArray();
    for (Row row : rows) {
      List<String> reasons = new ArrayList<>();
      String reference = row.fields() == null ? null : row.fields().get("reference");
      if (row.malformed() != null) {
        reasons.add(row.malformed());
      } else {
        PaymentReader.Result r = reader.read(row.fields());
        if (!r.ok()) {
          reasons.addAll(r.problems());
        } else {
          try {
            PaymentLedger.Recorded recorded = ledger.record(r.entry(), actor, caller);
            ids.add(recorded.payment().getLong("id"));
            if (recorded.created()) {
              created++;
            } else {
              unchanged++;
            }
          } catch (ApiException e) {
            reasons.add(e.getMessage());
          }
        }
      }
      if (!reasons.isEmpty()) {
        rejectedCount++;
        if (rejected.size() < MAX_LISTED_REJECTIONS) {
          JsonObject o = new JsonObject().put(numbering, row.number());
          if (reference != null && reference.length() <= PaymentReader.MAX_TEXT_CHARS) {
            o.put("reference", reference);
          }
          rejected.add(o.put("reasons", new JsonArray(reasons)));
        }
      }
    }
    return new JsonObject().put("rows", rows.size()).put("created", created).put("unchanged", unchanged)
        .put("rejected", rejected).put("rejectedCount", rejectedCount).put("payments", ids);
  }
}
