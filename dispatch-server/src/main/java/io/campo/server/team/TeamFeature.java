package io.campo.server.team;

import io.campo.server.cluster.PeriodicJobs;
import java.sql.SQLException;
import javax.sql.DataSource;

/** The teams, and which agents each caller may see ({@link TeamScope}), kept fresh on every node. */
public final class TeamFeature {

  private final Teams teams;
  private final TeamScope scope;

  private TeamFeature(Teams teams, TeamScope scope) {
    this.teams = teams;
    this.scope = scope;
  }

  /** Reads the memberships (blocking) and again every {@link TeamScope#RELOAD_INTERVAL}. */
  public static TeamFeature start(DataSource ds, PeriodicJobs jobs) throws SQLException {
    Teams teams = new Teams(ds);
    TeamScope scope = new TeamScope(teams::memberships);
    scope.refresh();
    // Memberships changed by another node or the command line reach this node's scope within the interval.
    jobs.repeatBlocking("reloading team memberships", TeamScope.RELOAD_INTERVAL, false, () -> {
      scope.refresh();
      return null;
    });
    return new TeamFeature(teams, scope);
  }

  public Teams teams() {
    return teams;
  }

  public TeamScope scope() {
    return scope;
  }
}
