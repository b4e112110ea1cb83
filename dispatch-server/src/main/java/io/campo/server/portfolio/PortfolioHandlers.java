package io.campo.server.portfolio;

import io.campo.server.api.ApiException;
import io.campo.server.team.DebtorScope;
import io.campo.server.team.TeamScope;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;

/**
 * {@code POST /api/debtors/import} (CSV or JSON), {@code GET /api/debtors/{externalId}} and
 * {@code GET /api/groups/{groupId}}, and the debtor search {@code GET /api/debtors?q=}. Import progress is published on {@link #PROGRESS_ADDRESS}.
 */
public final class PortfolioHandlers {

  /** Event-bus address of the live feed's import events. */
  public static final String PROGRESS_ADDRESS = "campo.live.imports";

  /**
   * The import route's own body limit. 100,000 realistic CSV rows are 12–15 MB, above the server's
   * general limit; the body is held in memory once, and rows are then streamed in batches.
   */
  public static final int MAX_IMPORT_BODY_BYTES = 64 * 1024 * 1024;

  private final Vertx vertx;
  private final PortfolioImport imports;
  private final DebtorLookup lookup;
  private final TeamScope scope;
  private final DebtorSearch search;

  public PortfolioHandlers(Vertx vertx, PortfolioImport imports, DebtorLookup lookup, TeamScope scope, DebtorSearch search) {
    this.vertx = vertx;
    this.imports = imports;
    this.lookup = lookup;
    this.scope = scope;
    this.search = search;
  }

  /** {@code GET /api/debtors?q=&limit=&offset=}: the caller's teams' debtors that match, one page. */
  public void search(RoutingContext ctx) {
    DebtorQuery query = DebtorQuery.of(ctx.queryParams().get("q"), ctx.queryParams().get("limit"),
        ctx.queryParams().get("offset"));
    DebtorScope reader = scope.debtorScope(ctx.user().principal());
    vertx.executeBlocking(() -> search.find(query, reader), false).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  public void importDebtors(RoutingContext ctx) {
    String type = String.valueOf(ctx.request().getHeader("Content-Type")).toLowerCase(Locale.ROOT);
    boolean json = type.startsWith("application/json");
    if (!json && !type.startsWith("text/csv") && !type.startsWith("application/csv") && !type.startsWith("text/plain")) {
      throw new ApiException(415, "send the portfolio as 'Content-Type: text/csv' or 'application/json', got '"
          + ctx.request().getHeader("Content-Type") + "'");
    }
    Buffer body = ctx.body().buffer();
    if (body == null || body.length() == 0) {
      throw ApiException.badRequest("request body is empty; send a CSV whose first line names the columns (id, name, …)");
    }
    String importId = importId(ctx);
    String actor = ctx.user().principal().getString("sub");
    DebtorScope importer = scope.debtorScope(ctx.user().principal());
    vertx.executeBlocking(() -> {
      byte[] bytes = body.getBytes();
      requireUtf8(bytes);
      PortfolioImport.ProgressListener progress = (rows, total) -> vertx.eventBus().publish(PROGRESS_ADDRESS,
          new JsonObject().put("type", "import.progress").put("importId", importId).put("rows", rows)
              .put("percent", total == 0 ? 100 : (int) (100L * rows / total)));
      return json ? imports.json(new String(bytes, StandardCharsets.UTF_8), actor, importer, importId, progress)
          : imports.csv(bytes, actor, importer, importId, progress);
    }, false).onSuccess(report -> {
      vertx.eventBus().publish(PROGRESS_ADDRESS, new JsonObject().put("type", "import.done").put("importId", importId)
          .put("imported", report.imported()).put("updated", report.updated()).put("rejected", report.rejectedCount()));
      ctx.json(report.toJson());
    }).onFailure(ctx::fail);
  }

  public void debtor(RoutingContext ctx) {
    String externalId = ctx.pathParam("externalId");
    vertx.executeBlocking(() -> lookup.debtor(externalId), false).onSuccess(found -> {
      if (found.isEmpty()) {
        ctx.fail(ApiException.notFound("no debtor '" + externalId + "'"));
      } else {
        ctx.json(found.get());
      }
    }).onFailure(ctx::fail);
  }

  /** Only the members the caller may see are listed and summed; a group with none of them is a 404. */
  public void group(RoutingContext ctx) {
    String groupId = ctx.pathParam("groupId");
    DebtorScope caller = scope.debtorScope(ctx.user().principal());
    vertx.executeBlocking(() -> lookup.group(groupId, caller), false).onSuccess(found -> {
      if (found.isEmpty()) {
        ctx.fail(ApiException.notFound("no debtor is in group '" + groupId + "'"));
      } else {
        ctx.json(found.get());
      }
    }).onFailure(ctx::fail);
  }

  /** The caller may name the import ({@code ?importId=}) to follow its progress on the live feed. */
  private static String importId(RoutingContext ctx) {
    String given = ctx.queryParams().get("importId");
    if (given == null || given.isBlank()) {
      return UUID.randomUUID().toString();
    }
    if (!given.matches("[A-Za-z0-9._-]{1,64}")) {
      throw ApiException.badRequest("importId must be 1-64 letters, digits, '.', '_' or '-', got '" + given + "'");
    }
    return given;
  }

  /** Checked before anything is written: a Latin-1 export would otherwise import garbled names. */
  private static void requireUtf8(byte[] bytes) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(8192);
    while (true) {
      CoderResult r = decoder.decode(in, out, true);
      if (r.isError()) {
        throw ApiException.badRequest("the body is not UTF-8 (byte " + in.position() + "); save the file as"
            + " 'CSV UTF-8' or convert it, e.g. iconv -f latin1 -t utf-8");
      }
      out.clear();
      if (r.isUnderflow()) {
        return;
      }
    }
  }
}
