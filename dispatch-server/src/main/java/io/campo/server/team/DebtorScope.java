package io.campo.server.team;

import java.util.Set;

/**
 * Which debtors a caller may see, by the debtor's team: an admin sees every debtor; a dispatcher or
 * manager the debtors of their teams; a debtor without a team is seen by admins only, as an agent
 * without one is (see {@link TeamScope}), so a forgotten assignment never widens who reads a file.
 * Immutable and thread-safe.
 *
 * @param everyDebtor whether the caller sees all debtors (admins)
 * @param teams the teams whose debtors the caller sees; ignored when {@code everyDebtor}
 */
public record DebtorScope(boolean everyDebtor, Set<String> teams) {

  public static final DebtorScope ALL = new DebtorScope(true, Set.of());
  public static final DebtorScope NONE = new DebtorScope(false, Set.of());

  public DebtorScope {
    teams = Set.copyOf(teams);
  }

  /** Whether a debtor of this team (null: of no team) is in the scope. */
  public boolean admits(String debtorTeam) {
    return everyDebtor || (debtorTeam != null && teams.contains(debtorTeam));
  }
}
