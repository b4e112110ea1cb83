package io.campo.server.payments;

import io.campo.server.api.ApiException;
import io.campo.server.team.DebtorScope;
import io.campo.server.team.TeamScope;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code POST /api/payments}: one payment (a JSON object: 201 new, 200 the same payment again), or many (a JSON
 * array or a CSV: 200 with a row-level report).
 */
public final class PaymentHandlers {

  private final Vertx vertx;
  private final PaymentLedger ledger;
  private final PaymentReader reader;
  private final PaymentBatch batch;
  private final TeamScope scope;

  public PaymentHandlers(Vertx vertx, PaymentLedger ledger, PaymentReader reader, TeamScope scope) {
    this.vertx = vertx;
    this.ledger = ledger;
    this.reader = reader;
    this.batch = new PaymentBatch(ledger, reader);
    this.scope = scope;
  }

  public void record(RoutingContext ctx) {
    String type = String.valueOf(ctx.request().getHeader("Content-Type")).toLowerCase(Locale.ROOT);
    boolean json = type.startsWith("application/json");
    if (!json && !type.startsWith("text/csv") && !type.startsWith("application/csv")) {
      throw new ApiException(415, "send payments as 'Content-Type: application/json' (an object or an array) or 'text/csv',"
          + " got '" + ctx.request().getHeader("Content-Type") + "'");
    }
    Buffer body = ctx.body().buffer();
    if (body == null || body.length() == 0) {
      throw ApiException.badRequest("request body is empty; send a payment like " + EXAMPLE);
    }
    String actor = ctx.user().principal().getString("sub");
    DebtorScope caller = scope.debtorScope(ctx.user().principal());
    String text = body.toString(StandardCharsets.UTF_8);
    if (!json) {
      vertx.executeBlocking(() -> batch.record(PaymentCsv.rows(text), "line", actor, caller), false)
          .onSuccess(ctx::json).onFailure(ctx::fail);
      return;
    }
    Object parsed;
    try {
      parsed = Json.decodeValue(text);
    } catch (DecodeException e) {
      throw ApiException.badRequest("the body is not JSON: " + e.getMessage());
    }
    if (parsed instanceof JsonObject o) {
      PaymentReader.Result r = reader.read(fields(o));
      if (!r.ok()) {
        throw ApiException.badRequest(String.join("; ", r.problems()));
      }
      vertx.executeBlocking(() -> ledger.record(r.entry(), actor, caller), false).onSuccess(recorded -> {
        ctx.response().setStatusCode(recorded.created() ? 201 : 200);
        ctx.json(recorded.payment());
      }).onFailure(ctx::fail);
    } else if (parsed instanceof JsonArray a) {
      List<PaymentBatch.Row> rows = new ArrayList<>(a.size());
      for (int i = 0; i < a.size(); i++) {
        rows.add(a.getValue(i) instanceof JsonObject o ? new PaymentBatch.Row(i, fields(o), null)
            : new PaymentBatch.Row(i, null, "is not a JSON object like " + EXAMPLE));
      }
      vertx.executeBlocking(() -> batch.record(rows, "index", actor, caller), false).onSuccess(ctx::json).onFailure(ctx::fail);
    } else {
      throw ApiException.badRequest("send a payment object like " + EXAMPLE + " or an array of them");
    }
  }

  static final String EXAMPLE = "{\"debtor\": \"CR-1001\", \"contract\": \"L-77\", \"amount\": \"1500.00\", \"currency\": \"MXN\","
      + " \"paidAt\": \"2026-11-24T15:02:00-06:00\", \"reference\": \"SPEI-0042\", \"source\": \"transfer\"}";

  /** A JSON number arrives as a double: 1e20 reads "1.0E20" and is refused like any text with an exponent. */
  private static Map<String, String> fields(JsonObject o) {
    Map<String, String> fields = new HashMap<>();
    for (Map.Entry<String, Object> e : o) {
      if (e.getValue() instanceof String || e.getValue() instanceof Number) {
        fields.put(e.getKey(), e.getValue().toString());
      } else if (e.getValue() != null) {
        fields.put(e.getKey(), "(" + (e.getValue() instanceof Boolean ? "a boolean" : "a JSON " + (e.getValue() instanceof JsonArray ? "array" : "object")) + ")");
      }
    }
    return fields;
  }
}
