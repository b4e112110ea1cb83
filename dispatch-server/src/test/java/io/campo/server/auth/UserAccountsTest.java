package io.campo.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.campo.server.TestServer;
import io.campo.server.api.ApiException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The one store of office users, as login, the user API and the command line use it: a user and their teams are
 * written together or not at all, and a refused change leaves everything as it was.
 */
class UserAccountsTest {

  static TestServer server;
  static UserAccounts users;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start();
    users = new UserAccounts(server.server.database().dataSource());
    assertEquals(201, server.request("POST", "/api/teams", server.adminToken(), "{\"id\": \"norte\", \"name\": \"Norte\"}").statusCode());
    assertEquals(201, server.request("POST", "/api/teams", server.adminToken(), "{\"id\": \"sur\", \"name\": \"Sur\"}").statusCode());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void aUserIsCreatedWithTheirTeamsAndLogsInWithTheirPassword() throws Exception {
    UserAccounts.OfficeUser created = users.create("lupe", "lupe-password-1", "dispatcher", Set.of("norte", "sur"));
    assertEquals(Set.of("norte", "sur"), created.teams());
    assertEquals(Optional.of(created), listed("lupe"));
    UserAccounts.User proved = users.verify("lupe", "lupe-password-1").orElseThrow();
    assertEquals("dispatcher", proved.role());
    assertTrue(users.verify("lupe", "wrong-password-1").isEmpty());
  }

  @Test
  void unknownTeamsAreNamedAndNothingIsCreated() throws Exception {
    ApiException e = assertThrows(ApiException.class, () -> users.create("omar", "omar-password-1", "manager", Set.of("norte", "este", "oeste")));
    assertEquals(400, e.status());
    assertTrue(e.getMessage().contains("unknown teams") && e.getMessage().contains("'este'") && e.getMessage().contains("'oeste'"),
        e.getMessage());
    assertFalse(e.getMessage().contains("'norte'"), e.getMessage());
    assertTrue(listed("omar").isEmpty(), "no user without the teams they were created with");
    assertTrue(users.verify("omar", "omar-password-1").isEmpty());
  }

  @Test
  void aTakenUsernameIsRefusedAndTheFirstUserIsUntouched() throws Exception {
    users.create("rita", "rita-password-1", "manager", Set.of("sur"));
    ApiException e = assertThrows(ApiException.class, () -> users.create("rita", "other-password-1", "admin", Set.of("norte")));
    assertEquals(409, e.status());
    assertEquals(Optional.of(new UserAccounts.OfficeUser("rita", "manager", Set.of("sur"))), listed("rita"));
    assertTrue(users.verify("rita", "rita-password-1").isPresent());
    assertTrue(users.verify("rita", "other-password-1").isEmpty());
  }

  @Test
  void teamsAreReplacedWholeAndARefusedReplacementKeepsTheOldOnes() throws Exception {
    users.create("teo", "teo-password-11", "dispatcher", Set.of("norte"));
    assertEquals(Set.of("sur"), users.setTeams("teo", Set.of("sur")).teams());
    assertEquals(400, assertThrows(ApiException.class, () -> users.setTeams("teo", Set.of("norte", "nada"))).status());
    assertEquals(Set.of("sur"), listed("teo").orElseThrow().teams());
    assertEquals(Set.of(), users.setTeams("teo", Set.of()).teams());
    assertEquals(404, assertThrows(ApiException.class, () -> users.setTeams("nadie", Set.of("sur"))).status());
  }

  @Test
  void onlyARealRoleChangeEndsTheUsersSessions() throws Exception {
    users.create("vera", "vera-password-1", "dispatcher", Set.of());
    long before = users.account("vera").orElseThrow().generation();
    assertFalse(users.setRole("vera", "dispatcher").changed());
    assertEquals(before, users.account("vera").orElseThrow().generation());
    UserAccounts.RoleChange promoted = users.setRole("vera", "manager");
    assertTrue(promoted.changed());
    assertEquals("manager", promoted.user().role());
    UserAccounts.Account now = users.account("vera").orElseThrow();
    assertNotEquals(before, now.generation());
    assertFalse(now.issued("dispatcher", before), "a token of the old role and generation no longer speaks for her");
  }

  @Test
  void aRemovedUserIsGoneWithTheirMemberships() throws Exception {
    users.create("xime", "xime-password-1", "manager", Set.of("norte"));
    users.delete("xime");
    assertTrue(listed("xime").isEmpty());
    assertTrue(users.account("xime").isEmpty());
    assertEquals(0, server.count("SELECT count(*) FROM user_team WHERE username = 'xime'"));
    assertEquals(404, assertThrows(ApiException.class, () -> users.delete("xime")).status());
  }

  static Optional<UserAccounts.OfficeUser> listed(String username) throws Exception {
    List<UserAccounts.OfficeUser> all = users.list();
    return all.stream().filter(u -> u.username().equals(username)).findFirst();
  }
}
