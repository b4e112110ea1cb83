package io.campo.server.portfolio;

import io.campo.server.team.DebtorScope;
import java.util.TreeSet;

/**
 * Whether an import row may write its debtor, and into which team, given who imports. A dispatcher
 * imports only into their own teams and may not touch a debtor outside them (its address is its
 * geofence, so re-importing it would move where visits validate); an admin imports for any team.
 *
 * <p>A row without a team keeps an existing debtor's team. A new debtor imported without a team
 * goes into the dispatcher's only team; a dispatcher of several teams must name one, and one of
 * none cannot create debtors (they would be visible to admins only, so not even to themselves). An
 * admin's new debtor without a team stays without one (visible to admins only) until it is given one.
 *
 * <p>Stateless; thread-safe.
 */
final class ImportTeamRule {

  /** What to do with the row. */
  sealed interface Decision permits Write, Refuse {}

  /** Write the row; {@code team} is the debtor's team from now on, or null to leave it as stored. */
  record Write(String team) implements Decision {}

  /** Leave the row out, for this reason. */
  record Refuse(String reason) implements Decision {}

  /** The debtor as stored before the row: whether it exists, and its team (null: none). */
  record Stored(boolean exists, String team) {
    static final Stored NEW = new Stored(false, null);
  }

  private ImportTeamRule() {}

  /**
   * @param importer whose debtors the importer may see and write
   * @param namedTeam the team the row names, or null
   * @param namedTeamExists whether that team exists
   */
  static Decision decide(DebtorScope importer, String externalId, String namedTeam, boolean namedTeamExists, Stored stored) {
    if (stored.exists() && !importer.admits(stored.team())) {
      return new Refuse(stored.team() == null
          ? "debtor '" + externalId + "' has no team, so only an admin may change it (or give it a team with PUT /api/debtors/"
              + externalId + "/team)"
          : "debtor '" + externalId + "' belongs to a team that is not yours; only an admin or one of its dispatchers may change it");
    }
    if (namedTeam != null) {
      if (!importer.everyDebtor() && !importer.teams().contains(namedTeam)) {
        return new Refuse("team '" + namedTeam + "' is not one of yours (" + yours(importer) + ")");
      }
      if (!namedTeamExists) {
        return new Refuse("unknown team '" + namedTeam + "'; create it first with POST /api/teams");
      }
      return new Write(namedTeam);
    }
    if (stored.exists() || importer.everyDebtor()) {
      return new Write(null);
    }
    if (importer.teams().size() == 1) {
      return new Write(importer.teams().iterator().next());
    }
    if (importer.teams().isEmpty()) {
      return new Refuse("you belong to no team, so your import cannot create debtors; ask an admin to add you to one");
    }
    return new Refuse("name the debtor's team in a 'team' (or 'equipo') column: you belong to " + yours(importer));
  }

  private static String yours(DebtorScope importer) {
    return importer.teams().isEmpty() ? "you belong to none" : String.join(", ", new TreeSet<>(importer.teams()));
  }
}
