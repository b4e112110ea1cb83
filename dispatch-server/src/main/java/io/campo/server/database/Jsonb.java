package io.campo.server.database;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.SQLException;
import org.postgresql.util.PGobject;

/** A JSON object or array as a {@code jsonb} statement parameter (null stays SQL NULL). */
public final class Jsonb {

  private Jsonb() {}

  public static PGobject of(JsonObject json) throws SQLException {
    PGobject o = new PGobject();
    o.setType("jsonb");
    o.setValue(json == null ? null : json.encode());
    return o;
  }

  public static PGobject of(JsonArray json) throws SQLException {
    PGobject o = new PGobject();
    o.setType("jsonb");
    o.setValue(json == null ? null : json.encode());
    return o;
  }
}
