package io.campo.server.team;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.campo.server.api.ApiException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NewUserTest {

  static JsonObject valid() {
    return new JsonObject().put("username", "lucia").put("password", "0123456789").put("role", "dispatcher")
        .put("teams", new JsonArray().add("norte").add("sur"));
  }

  static String error(JsonObject body) {
    ApiException e = assertThrows(ApiException.class, () -> NewUser.read(body));
    assertEquals(400, e.status());
    return e.getMessage();
  }

  @Test
  void readsAValidUserAndDefaultsToNoTeams() {
    NewUser u = NewUser.read(valid());
    assertEquals("lucia", u.username());
    assertEquals("dispatcher", u.role());
    assertEquals(Set.of("norte", "sur"), u.teams());
    assertEquals(Set.of(), NewUser.read(valid().copy().put("teams", null)).teams());
  }

  @Test
  void namesEveryBadFieldAtOnce() {
    String message = error(new JsonObject().put("username", "con espacio").put("password", "corta").put("role", "boss")
        .put("teams", new JsonArray().add("norte").add(7)));
    assertTrue(message.contains("'username'"), message);
    assertTrue(message.contains("'password' must have at least 10 characters"), message);
    assertTrue(message.contains("'role' must be one of admin, dispatcher, manager, not 'boss'"), message);
    assertTrue(message.contains("'teams' holds 7"), message);
  }

  @Test
  void aNineCharacterPasswordIsTooShortAndTenIsEnough() {
    assertTrue(error(valid().put("password", "123456789")).contains("'password'"));
    assertEquals("1234567890", NewUser.read(valid().put("password", "1234567890")).password());
  }

  @Test
  void agentsAreNotUsersAndTheErrorSaysHowToCreateThem() {
    String message = error(valid().put("role", "agent"));
    assertTrue(message.contains("POST /api/agents"), message);
    assertTrue(message.contains("device token"), message);
  }

  @Test
  void teamsMustBeAnArrayOfIds() {
    assertTrue(error(valid().put("teams", "norte")).contains("'teams' must be an array"));
    assertTrue(error(valid().put("role", null)).contains("'role' must be one of"));
  }
}
