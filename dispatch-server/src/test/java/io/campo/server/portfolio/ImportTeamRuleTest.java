package io.campo.server.portfolio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.campo.server.portfolio.ImportTeamRule.Refuse;
import io.campo.server.portfolio.ImportTeamRule.Stored;
import io.campo.server.portfolio.ImportTeamRule.Write;
import io.campo.server.team.DebtorScope;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ImportTeamRuleTest {

  static final DebtorScope NORTE = new DebtorScope(false, Set.of("norte"));
  static final DebtorScope NORTE_Y_CENTRO = new DebtorScope(false, Set.of("norte", "centro"));
  static final DebtorScope NO_TEAM = new DebtorScope(false, Set.of());

  static ImportTeamRule.Decision decide(DebtorScope importer, String named, boolean namedExists, Stored stored) {
    return ImportTeamRule.decide(importer, "D-1", named, namedExists, stored);
  }

  @Test
  void anAdminImportsForAnyExistingTeamAndKeepsTheStoredTeamWhenTheRowNamesNone() {
    assertEquals(new Write("sur"), decide(DebtorScope.ALL, "sur", true, Stored.NEW));
    assertEquals(new Write("sur"), decide(DebtorScope.ALL, "sur", true, new Stored(true, "norte")));
    assertEquals(new Write(null), decide(DebtorScope.ALL, null, false, new Stored(true, "norte")));
    assertEquals(new Write(null), decide(DebtorScope.ALL, null, false, Stored.NEW), "a new debtor may stay without a team");
    assertEquals(new Refuse("unknown team 'oeste'; create it first with POST /api/teams"),
        decide(DebtorScope.ALL, "oeste", false, Stored.NEW));
  }

  @Test
  void aDispatcherWritesOnlyIntoTheirTeams() {
    assertEquals(new Write("norte"), decide(NORTE, "norte", true, Stored.NEW));
    assertEquals(new Refuse("team 'sur' is not one of yours (norte)"), decide(NORTE, "sur", true, Stored.NEW));
    assertEquals(new Refuse("team 'oeste' is not one of yours (norte)"), decide(NORTE, "oeste", false, Stored.NEW),
        "whether another team exists is not told");
    assertEquals(new Write("centro"), decide(NORTE_Y_CENTRO, "centro", true, new Stored(true, "norte")),
        "between their own teams");
  }

  @Test
  void aDispatcherMayNotTouchADebtorOutsideTheirTeamsWhateverTheRowSays() {
    String reason = "debtor 'D-1' belongs to a team that is not yours; only an admin or one of its dispatchers may change it";
    assertEquals(new Refuse(reason), decide(NORTE, null, false, new Stored(true, "sur")));
    assertEquals(new Refuse(reason), decide(NORTE, "norte", true, new Stored(true, "sur")), "nor take it into their team");
    assertEquals(new Refuse("debtor 'D-1' has no team, so only an admin may change it (or give it a team with"
        + " PUT /api/debtors/D-1/team)"), decide(NORTE, "norte", true, new Stored(true, null)));
  }

  @Test
  void aDispatchersRowWithoutATeamKeepsTheStoredOneOrGoesToTheirOnlyTeam() {
    assertEquals(new Write(null), decide(NORTE_Y_CENTRO, null, false, new Stored(true, "centro")));
    assertEquals(new Write("norte"), decide(NORTE, null, false, Stored.NEW));
    assertEquals(new Refuse("name the debtor's team in a 'team' (or 'equipo') column: you belong to centro, norte"),
        decide(NORTE_Y_CENTRO, null, false, Stored.NEW));
    assertEquals(new Refuse("you belong to no team, so your import cannot create debtors; ask an admin to add you to one"),
        decide(NO_TEAM, null, false, Stored.NEW));
    assertEquals(new Refuse("team 'norte' is not one of yours (you belong to none)"), decide(NO_TEAM, "norte", true, Stored.NEW));
  }
}
