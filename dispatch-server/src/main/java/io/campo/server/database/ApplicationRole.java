package io.campo.server.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.PGConnection;

/**
 * Campo's own login role on a PostgreSQL where it holds the superuser: not a superuser, cannot create
 * databases or roles, owns its database and every object in it, so the server and its migrations run
 * with no more power than the schema needs. Run as the superuser; idempotent, so it also upgrades a
 * database whose objects an older Campo created as {@code postgres}.
 */
public final class ApplicationRole {

  private ApplicationRole() {}

  /**
   * Creates or updates {@code role} with {@code password} and gives it {@code database} (created when missing).
   *
   * @param superuser a superuser's connection to any other database of the cluster (e.g. {@code postgres})
   */
  public static void ensure(Connection superuser, String role, String password, String database) throws SQLException {
    try (Statement s = superuser.createStatement()) {
      boolean exists;
      try (PreparedStatement q = superuser.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
        q.setString(1, role);
        try (ResultSet rs = q.executeQuery()) {
          exists = rs.next();
        }
      }
      String id = quote(superuser, role);
      s.execute((exists ? "ALTER ROLE " : "CREATE ROLE ") + id
          + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS");
      setPassword(superuser, role, password);
      boolean dbExists;
      try (PreparedStatement q = superuser.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
        q.setString(1, database);
        try (ResultSet rs = q.executeQuery()) {
          dbExists = rs.next();
        }
      }
      String db = quote(superuser, database);
      s.execute(dbExists ? "ALTER DATABASE " + db + " OWNER TO " + id : "CREATE DATABASE " + db + " OWNER " + id);
      // Only its owner (and the superuser) may even connect: other roles of the cluster see nothing.
      s.execute("REVOKE ALL ON DATABASE " + db + " FROM PUBLIC");
    }
  }

  /** Hashed here (SCRAM-SHA-256) so the plain password never travels to the server or into its logs. */
  public static void setPassword(Connection superuser, String role, String password) throws SQLException {
    superuser.unwrap(PGConnection.class).alterUserPassword(role, password.toCharArray(), "scram-sha-256");
  }

  /**
   * Gives {@code role} every object in the connected database that another role owns: tables, partitions,
   * views, standalone sequences, functions, types and schemas. Indexes and the sequences of identity and
   * serial columns follow their table. Objects of extensions stay with the extension.
   *
   * @param superuser a superuser's connection to that database
   * @return how many objects changed owner
   */
  public static int takeOwnership(Connection superuser, String role) throws SQLException {
    List<String> statements = new ArrayList<>();
    try (PreparedStatement q = superuser.prepareStatement(OWNED_BY_OTHERS)) {
      for (int i = 1; i <= 8; i++) {
        q.setString(i, role);
      }
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          statements.add(rs.getString(1));
        }
      }
    }
    try (Statement s = superuser.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    }
    return statements.size();
  }

  private static String quote(Connection c, String identifier) throws SQLException {
    try (PreparedStatement q = c.prepareStatement("SELECT quote_ident(?)")) {
      q.setString(1, identifier);
      try (ResultSet rs = q.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    }
  }

  private static final String USER_NAMESPACES = """
      n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%'
        AND n.nspname NOT LIKE 'pg\\_temp%'""";

  private static final String NOT_IN_EXTENSION = """
      NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = %s AND d.deptype = 'e')""";

  private static final String OWNED_BY_OTHERS = """
      SELECT format('ALTER SCHEMA %%I OWNER TO %%I', n.nspname, ?::text) FROM pg_namespace n
       WHERE %1$s AND n.nspowner NOT IN (SELECT oid FROM pg_roles WHERE rolname IN (?, 'pg_database_owner'))
         AND %2$s
      UNION ALL
      SELECT format('ALTER %%s %%s OWNER TO %%I',
               CASE c.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
                              WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END, c.oid::regclass, ?::text)
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE %1$s AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
         AND c.relowner <> (SELECT oid FROM pg_roles WHERE rolname = ?)
         AND NOT (c.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                  AND d.objid = c.oid AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')))
         AND %3$s
      UNION ALL
      SELECT format('ALTER %%s %%s OWNER TO %%I', CASE p.prokind WHEN 'a' THEN 'AGGREGATE' ELSE 'ROUTINE' END,
               p.oid::regprocedure, ?::text)
        FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
       WHERE %1$s AND p.proowner <> (SELECT oid FROM pg_roles WHERE rolname = ?) AND %4$s
      UNION ALL
      SELECT format('ALTER %%s %%s OWNER TO %%I', CASE t.typtype WHEN 'd' THEN 'DOMAIN' ELSE 'TYPE' END,
               t.oid::regtype, ?::text)
        FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
       WHERE %1$s AND t.typowner <> (SELECT oid FROM pg_roles WHERE rolname = ?)
         AND (t.typtype IN ('e', 'd', 'r') OR (t.typtype = 'c' AND (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c'))
         AND %5$s
      """.formatted(USER_NAMESPACES, NOT_IN_EXTENSION.formatted("n.oid"), NOT_IN_EXTENSION.formatted("c.oid"),
          NOT_IN_EXTENSION.formatted("p.oid"), NOT_IN_EXTENSION.formatted("t.oid"));
}
