package io.campo.server.portfolio;

import io.campo.server.team.DebtorScope;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Writes a batch of valid import rows inside the caller's transaction, set-based (one statement per
 * table, arrays as parameters): debtors by external id, their debts by contract number, their
 * addresses by kind, and one client-log entry per debtor. Rows of the same debtor in one batch are
 * merged in file order (later rows win), as writing them one by one would. Before anything is written,
 * each row passes {@link ImportTeamRule} for the importer, against the debtors' teams as stored (rows
 * locked) and as earlier rows of the batch leave them; a refused row is left out with its reason.
 * Blocking (JDBC).
 */
final class PortfolioUpserts {

  /** Which debtors of the batch were new and which existed, and the rows the importer's teams kept out. */
  record Written(Set<String> created, Set<String> updated, List<ImportRow.Rejection> refused) {}

  /** Serialises imports: two imports creating the same new debtor would otherwise race between UPDATE and INSERT. */
  private static final long IMPORT_LOCK = 0x43616d706f_494dL;

  private static final String UPDATE_DEBTORS = """
      UPDATE debtor d SET name = u.name,
        phones = coalesce(string_to_array(u.phones, '|'), d.phones),
        segment = coalesce(u.segment, d.segment),
        group_id = coalesce(u.group_id, d.group_id),
        group_role = coalesce(u.group_role, d.group_role),
        team_id = coalesce(u.team, d.team_id),
        consent_visits = coalesce(u.cv::boolean, d.consent_visits),
        consent_calls = coalesce(u.cc::boolean, d.consent_calls),
        consent_messages = coalesce(u.cm::boolean, d.consent_messages),
        email = coalesce(u.email, d.email),
        updated_at = now()
      FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
        ?::text[])
        AS u(ext, name, phones, segment, group_id, group_role, cv, cc, cm, team, email)
      WHERE d.external_id = u.ext
      RETURNING d.id, d.external_id""";

  private static final String INSERT_DEBTORS = """
      INSERT INTO debtor (external_id, name, phones, segment, group_id, group_role,
        consent_visits, consent_calls, consent_messages, team_id, email)
      SELECT u.ext, u.name, coalesce(string_to_array(u.phones, '|'), '{}'), u.segment, u.group_id,
        coalesce(u.group_role, CASE WHEN u.group_id IS NOT NULL THEN 'member' END),
        coalesce(u.cv::boolean, true), coalesce(u.cc::boolean, false), coalesce(u.cm::boolean, false), u.team, u.email
      FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
        ?::text[])
        AS u(ext, name, phones, segment, group_id, group_role, cv, cc, cm, team, email)
      RETURNING id, external_id""";

  private static final String UPSERT_DEBTS = """
      INSERT INTO debt (debtor_id, external_id, product, currency, principal, balance, due_date)
      SELECT * FROM unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::numeric[], ?::numeric[], ?::date[])
      ON CONFLICT (debtor_id, external_id) DO UPDATE SET product = EXCLUDED.product, currency = EXCLUDED.currency,
        principal = EXCLUDED.principal, balance = EXCLUDED.balance, due_date = EXCLUDED.due_date""";

  private static final String UPSERT_ADDRESSES = """
      INSERT INTO address (debtor_id, kind, line, lat, lon, radius_m, polygon)
      SELECT u.debtor_id, u.kind, u.line, u.lat, u.lon, u.radius_m, u.polygon::jsonb
      FROM unnest(?::bigint[], ?::text[], ?::text[], ?::float8[], ?::float8[], ?::float4[], ?::text[])
        AS u(debtor_id, kind, line, lat, lon, radius_m, polygon)
      ON CONFLICT (debtor_id, kind) DO UPDATE SET line = EXCLUDED.line, lat = EXCLUDED.lat, lon = EXCLUDED.lon,
        radius_m = EXCLUDED.radius_m, polygon = EXCLUDED.polygon, active = true""";

  Written write(Connection c, List<ImportRow> batch, String actor, String importId, DebtorScope importer) throws SQLException {
    try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
      lock.setLong(1, IMPORT_LOCK);
      lock.execute();
    }
    List<ImportRow.Rejection> refused = new ArrayList<>();
    List<ImportRow> rows = admitted(c, batch, importer, refused);
    if (rows.isEmpty()) {
      return new Written(Set.of(), Set.of(), refused);
    }
    Map<String, ImportRow> debtors = new LinkedHashMap<>();
    Map<String, List<ImportRow>> rowsOf = new HashMap<>();
    for (ImportRow r : rows) {
      debtors.merge(r.externalId(), r, PortfolioUpserts::merge);
      rowsOf.computeIfAbsent(r.externalId(), k -> new ArrayList<>()).add(r);
    }
    Map<String, Long> ids = new HashMap<>();
    Set<String> updated = new HashSet<>();
    try (PreparedStatement ps = c.prepareStatement(UPDATE_DEBTORS)) {
      bindDebtors(c, ps, debtors.values());
      collectIds(ps, ids, updated);
    }
    Set<String> created = new HashSet<>();
    List<ImportRow> fresh = debtors.values().stream().filter(r -> !updated.contains(r.externalId())).toList();
    if (!fresh.isEmpty()) {
      try (PreparedStatement ps = c.prepareStatement(INSERT_DEBTORS)) {
        bindDebtors(c, ps, fresh);
        collectIds(ps, ids, created);
      }
    }
    writeDebts(c, rows, ids);
    writeAddresses(c, rows, ids);
    writeLog(c, debtors, rowsOf, ids, created, actor, importId);
    return new Written(created, updated, refused);
  }

  /**
   * The rows the importer may write, in file order, each with the team its debtor is to have (null: as stored); the
   * others go to {@code refused}. The debtors' rows are locked, so a team changed meanwhile through the API waits.
   */
  private static List<ImportRow> admitted(Connection c, List<ImportRow> batch, DebtorScope importer,
      List<ImportRow.Rejection> refused) throws SQLException {
    Map<String, ImportTeamRule.Stored> stored = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT external_id, team_id FROM debtor WHERE external_id = ANY (?) ORDER BY id FOR UPDATE")) {
      ps.setArray(1, c.createArrayOf("text", batch.stream().map(ImportRow::externalId).distinct().toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          stored.put(rs.getString(1), new ImportTeamRule.Stored(true, rs.getString(2)));
        }
      }
    }
    Set<String> existingTeams = new HashSet<>();
    Object[] named = batch.stream().map(ImportRow::team).filter(Objects::nonNull).distinct().toArray();
    if (named.length > 0) {
      try (PreparedStatement ps = c.prepareStatement("SELECT id FROM team WHERE id = ANY (?)")) {
        ps.setArray(1, c.createArrayOf("text", named));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            existingTeams.add(rs.getString(1));
          }
        }
      }
    }
    List<ImportRow> admitted = new ArrayList<>(batch.size());
    for (ImportRow r : batch) {
      ImportTeamRule.Stored before = stored.getOrDefault(r.externalId(), ImportTeamRule.Stored.NEW);
      ImportTeamRule.Decision d = ImportTeamRule.decide(importer, r.externalId(), r.team(), existingTeams.contains(r.team()), before);
      if (d instanceof ImportTeamRule.Refuse refuse) {
        refused.add(new ImportRow.Rejection(r.line(), r.externalId(), List.of(refuse.reason())));
      } else if (d instanceof ImportTeamRule.Write write) {
        // A later row of the same debtor is judged as if this one were already written, as one by one it would be.
        stored.put(r.externalId(), new ImportTeamRule.Stored(true, write.team() != null ? write.team() : before.team()));
        admitted.add(withTeam(r, write.team()));
      }
    }
    return admitted;
  }

  private static ImportRow withTeam(ImportRow r, String team) {
    return new ImportRow(r.line(), r.externalId(), r.name(), r.phones(), r.segment(), r.groupId(), r.groupRole(), team,
        r.consentVisits(), r.consentCalls(), r.consentMessages(), r.debt(), r.address(), r.email());
  }

  /** The later row's values win; its blanks keep the earlier row's. */
  private static ImportRow merge(ImportRow a, ImportRow b) {
    return new ImportRow(b.line(), b.externalId(), b.name(), or(b.phones(), a.phones()), or(b.segment(), a.segment()),
        or(b.groupId(), a.groupId()), or(b.groupRole(), a.groupRole()), or(b.team(), a.team()), or(b.consentVisits(), a.consentVisits()),
        or(b.consentCalls(), a.consentCalls()), or(b.consentMessages(), a.consentMessages()), null, null, or(b.email(), a.email()));
  }

  private static <T> T or(T later, T earlier) {
    return later != null ? later : earlier;
  }

  private static void bindDebtors(Connection c, PreparedStatement ps, java.util.Collection<ImportRow> rows) throws SQLException {
    int n = rows.size();
    String[][] cols = new String[11][n];
    int i = 0;
    for (ImportRow r : rows) {
      cols[0][i] = r.externalId();
      cols[1][i] = r.name();
      cols[2][i] = r.phones() == null || r.phones().isEmpty() ? null : String.join("|", r.phones());
      cols[3][i] = r.segment();
      cols[4][i] = r.groupId();
      cols[5][i] = r.groupRole();
      cols[6][i] = r.consentVisits() == null ? null : r.consentVisits().toString();
      cols[7][i] = r.consentCalls() == null ? null : r.consentCalls().toString();
      cols[8][i] = r.consentMessages() == null ? null : r.consentMessages().toString();
      cols[9][i] = r.team();
      cols[10][i] = r.email();
      i++;
    }
    for (int k = 0; k < cols.length; k++) {
      ps.setArray(k + 1, c.createArrayOf("text", cols[k]));
    }
  }

  private static void collectIds(PreparedStatement ps, Map<String, Long> ids, Set<String> externalIds) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        ids.put(rs.getString(2), rs.getLong(1));
        externalIds.add(rs.getString(2));
      }
    }
  }

  private static void writeDebts(Connection c, List<ImportRow> rows, Map<String, Long> ids) throws SQLException {
    Map<List<String>, ImportRow> byContract = new LinkedHashMap<>();
    for (ImportRow r : rows) {
      if (r.debt() != null) {
        byContract.put(List.of(r.externalId(), r.debt().contract()), r);
      }
    }
    if (byContract.isEmpty()) {
      return;
    }
    int n = byContract.size();
    Long[] debtor = new Long[n];
    String[][] text = new String[6][n];
    int i = 0;
    for (ImportRow r : byContract.values()) {
      ImportRow.Debt d = r.debt();
      debtor[i] = ids.get(r.externalId());
      text[0][i] = d.contract();
      text[1][i] = d.product();
      text[2][i] = d.currency();
      text[3][i] = d.principal().toPlainString();
      text[4][i] = d.balance().toPlainString();
      text[5][i] = d.dueDate().toString();
      i++;
    }
    try (PreparedStatement ps = c.prepareStatement(UPSERT_DEBTS)) {
      ps.setArray(1, c.createArrayOf("bigint", debtor));
      for (int k = 0; k < text.length; k++) {
        ps.setArray(k + 2, c.createArrayOf("text", text[k]));
      }
      ps.executeUpdate();
    }
  }

  private static void writeAddresses(Connection c, List<ImportRow> rows, Map<String, Long> ids) throws SQLException {
    Map<List<String>, ImportRow> byKind = new LinkedHashMap<>();
    for (ImportRow r : rows) {
      if (r.address() != null) {
        byKind.put(List.of(r.externalId(), r.address().kind()), r);
      }
    }
    if (byKind.isEmpty()) {
      return;
    }
    int n = byKind.size();
    Long[] debtor = new Long[n];
    String[] kind = new String[n];
    String[] line = new String[n];
    Double[] lat = new Double[n];
    Double[] lon = new Double[n];
    Double[] radius = new Double[n];
    String[] polygon = new String[n];
    int i = 0;
    for (ImportRow r : byKind.values()) {
      ImportRow.Address a = r.address();
      debtor[i] = ids.get(r.externalId());
      kind[i] = a.kind();
      line[i] = a.line();
      lat[i] = a.lat();
      lon[i] = a.lon();
      radius[i] = a.radiusMeters();
      polygon[i] = a.polygonGeoJson();
      i++;
    }
    try (PreparedStatement ps = c.prepareStatement(UPSERT_ADDRESSES)) {
      ps.setArray(1, c.createArrayOf("bigint", debtor));
      ps.setArray(2, c.createArrayOf("text", kind));
      ps.setArray(3, c.createArrayOf("text", line));
      ps.setArray(4, c.createArrayOf("float8", lat));
      ps.setArray(5, c.createArrayOf("float8", lon));
      ps.setArray(6, c.createArrayOf("float8", radius));
      ps.setArray(7, c.createArrayOf("text", polygon));
      ps.executeUpdate();
    }
  }

  private static void writeLog(Connection c, Map<String, ImportRow> debtors, Map<String, List<ImportRow>> rowsOf,
      Map<String, Long> ids, Set<String> created, String actor, String importId) throws SQLException {
    Set<String> externalIds = debtors.keySet();
    int n = externalIds.size();
    Long[] debtor = new Long[n];
    String[] summary = new String[n];
    String[] details = new String[n];
    int i = 0;
    for (String ext : externalIds) {
      List<ImportRow> rows = rowsOf.get(ext);
      JsonArray lines = new JsonArray();
      JsonArray contracts = new JsonArray();
      for (ImportRow r : rows) {
        lines.add(r.line());
        if (r.debt() != null) {
          contracts.add(new JsonObject().put("contract", r.debt().contract()).put("balance", r.debt().balance().toPlainString())
              .put("currency", r.debt().currency()).put("dueDate", r.debt().dueDate().toString()));
        }
      }
      boolean isNew = created.contains(ext);
      debtor[i] = ids.get(ext);
      summary[i] = (isNew ? "created" : "updated") + " by import " + importId + " (line" + (rows.size() > 1 ? "s " : " ")
          + lines.stream().map(String::valueOf).reduce((a, b) -> a + ", " + b).orElse("") + ")";
      JsonObject detail = new JsonObject().put("importId", importId).put("created", isNew).put("lines", lines)
          .put("debts", contracts);
      if (debtors.get(ext).team() != null) {
        detail.put("team", debtors.get(ext).team());
      }
      details[i] = detail.encode();
      i++;
    }
    ClientLog.appendAll(c, actor, ClientLog.Kind.IMPORT, debtor, summary, details);
  }
}
