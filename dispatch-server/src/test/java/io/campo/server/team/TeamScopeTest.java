package io.campo.server.team;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TeamScopeTest {

  private final AtomicReference<TeamMemberships> stored = new AtomicReference<>();
  private TeamScope scope;

  @BeforeEach
  void load() throws Exception {
    stored.set(new TeamMemberships(
        Map.of("ana", "norte", "luis", "sur", "rosa", "norte"),
        Map.of("lucia", Set.of("norte"), "pablo", Set.of("norte", "sur"), "marta", Set.of("sur"))));
    scope = new TeamScope(stored::get);
    scope.refresh();
  }

  static JsonObject principal(String sub, String role) {
    return new JsonObject().put("sub", sub).put("role", role);
  }

  @Test
  void anAdminSeesEveryAgentEvenOnesWithoutATeamOrNotYetLoaded() {
    Predicate<String> admin = scope.visibleAgents(principal("admin", "admin"));
    assertTrue(admin.test("ana"));
    assertTrue(admin.test("luis"));
    assertTrue(admin.test("no-team"));
  }

  @Test
  void dispatchersAndManagersSeeOnlyTheAgentsOfTheirTeams() {
    Predicate<String> lucia = scope.visibleAgents(principal("lucia", "dispatcher"));
    assertTrue(lucia.test("ana"));
    assertTrue(lucia.test("rosa"));
    assertFalse(lucia.test("luis"));
    assertFalse(lucia.test("no-team"), "an agent without a team is seen by admins only");

    Predicate<String> marta = scope.visibleAgents(principal("marta", "manager"));
    assertTrue(marta.test("luis"));
    assertFalse(marta.test("ana"));

    Predicate<String> pablo = scope.visibleAgents(principal("pablo", "dispatcher"));
    assertTrue(pablo.test("ana") && pablo.test("luis"));
  }

  @Test
  void aUserInNoTeamSeesNoAgent() {
    assertFalse(scope.canSee(principal("nuevo", "dispatcher"), "ana"));
    assertEquals(Set.of(), scope.teamsOf("nuevo"));
  }

  @Test
  void aPhoneSeesOnlyItselfAndAnUnknownRoleOrMissingPrincipalSeesNothing() {
    assertTrue(scope.canSee(principal("ana", "agent"), "ana"));
    assertFalse(scope.canSee(principal("ana", "agent"), "rosa"), "same team, but a phone is not an office user");
    assertFalse(scope.canSee(principal("lucia", "auditor"), "ana"));
    assertFalse(scope.canSee(new JsonObject().put("sub", "lucia"), "ana"));
    assertFalse(scope.canSee(null, "ana"));
  }

  @Test
  void aPredicateTakenBeforeAChangeFollowsItAfterTheRefresh() throws Exception {
    Predicate<String> lucia = scope.visibleAgents(principal("lucia", "dispatcher"));
    assertFalse(lucia.test("luis"));
    stored.set(new TeamMemberships(Map.of("ana", "norte", "luis", "sur"), Map.of("lucia", Set.of("sur"))));
    assertFalse(lucia.test("luis"), "nothing changes until the scope is refreshed");
    scope.refresh();
    assertTrue(lucia.test("luis"));
    assertFalse(lucia.test("ana"), "a removed membership takes effect on a live caller");
    assertEquals(Set.of("sur"), scope.teamsOf("lucia"));
  }

  @Test
  void beforeTheFirstLoadOnlyAdminsSeeAgents() {
    TeamScope fresh = new TeamScope(stored::get);
    assertFalse(fresh.canSee(principal("lucia", "dispatcher"), "ana"));
    assertTrue(fresh.canSee(principal("admin", "admin"), "ana"));
  }

  @Test
  void debtorsAreSeenByAdminsAllAndByOfficeUsersOfTheirTeamsTeamlessOnesByAdminsOnly() {
    DebtorScope admin = scope.debtorScope(principal("admin", "admin"));
    assertTrue(admin.admits("sur"));
    assertTrue(admin.admits(null));
    DebtorScope pablo = scope.debtorScope(principal("pablo", "manager"));
    assertTrue(pablo.admits("norte"));
    assertTrue(pablo.admits("sur"));
    assertFalse(pablo.admits(null));
    DebtorScope lucia = scope.debtorScope(principal("lucia", "dispatcher"));
    assertFalse(lucia.admits("sur"));
    assertFalse(lucia.everyDebtor());
    assertFalse(scope.debtorScope(principal("ana", "agent")).admits("norte"), "a phone reads no debtor's file");
    assertFalse(scope.debtorScope(null).admits(null));
    assertFalse(scope.debtorScope(principal("stranger", "dispatcher")).admits("norte"));
  }
}
