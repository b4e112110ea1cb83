package io.campo.server.api;

import io.vertx.ext.web.RoutingContext;

/** Numeric ids in paths ({@code /api/plans/{id}}): anything else names no resource, so it is a 404. */
public final class PathIds {

  private PathIds() {}

  /** @param what what the id names, for the error ("plan", "visit") */
  public static long number(RoutingContext ctx, String what) {
    String raw = ctx.pathParam("id");
    try {
      return Long.parseLong(raw);
    } catch (NumberFormatException e) {
      throw ApiException.notFound("no " + what + " '" + raw + "'");
    }
  }
}
