package io.campo.load.demo;

import io.campo.server.api.ApiException;
import io.campo.server.auth.UserAccounts;
import io.campo.server.team.TeamScope;
import io.campo.server.team.Teams;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;

/**
 * The demo's two teams, {@code norte} and {@code sur}: the first half of the demo agents in one,
 * the rest in the other, and the demo dispatcher a member of both, so that the map shows the whole
 * fleet while the teams are there to look at. Idempotent: later runs find them made.
 */
public final class DemoTeams {

  public static final List<String> IDS = List.of("norte", "sur");
  private static final List<String> NAMES = List.of("Zona norte", "Zona sur");

  private final Teams teams;
  private final UserAccounts users;
  private final TeamScope scope;

  public DemoTeams(Teams teams, UserAccounts users, TeamScope scope) {
    this.teams = teams;
    this.users = users;
    this.scope = scope;
  }

  /** The team of the agent at {@code index} of {@code count}. */
  public static String teamOf(int index, int count) {
    return IDS.get(index < (count + 1) / 2 ? 0 : 1);
  }

  /** Makes the teams, puts the agents in them and the dispatcher in both; the running server sees it at once. */
  public void ensure(List<String> agentIds, String dispatcher) throws SQLException {
    for (int i = 0; i < IDS.size(); i++) {
      try {
        teams.create(IDS.get(i), NAMES.get(i));
      } catch (ApiException e) {
        if (e.status() != 409) {
          throw e;
        }
      }
    }
    for (int i = 0; i < agentIds.size(); i++) {
      teams.assignAgent(agentIds.get(i), teamOf(i, agentIds.size()));
    }
    users.setTeams(dispatcher, Set.copyOf(IDS));
    scope.refresh();
  }
}
