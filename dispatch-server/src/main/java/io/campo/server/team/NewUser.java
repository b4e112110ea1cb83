package io.campo.server.team;

import io.campo.server.api.ApiException;
import io.campo.server.auth.UserAccounts;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An office user to create, read from {@code POST /api/users} or the command line. Checks the
 * shape only (which teams exist is the database's to say); every bad field is named at once.
 */
public record NewUser(String username, String password, String role, Set<String> teams) {

  public static final String EXAMPLE =
      "{\"username\": \"lucia\", \"password\": \"at least 10 characters\", \"role\": \"dispatcher\", \"teams\": [\"norte\"]}";
  /** Roles a person logs in with. Agents are not users: their phones authenticate with a device token. */
  public static final List<String> OFFICE_ROLES = List.of("admin", "dispatcher", "manager");
  static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");

  public NewUser {
    teams = Set.copyOf(teams);
  }

  /** @throws ApiException 400 naming every bad field */
  public static NewUser read(JsonObject body) {
    List<String> errors = new ArrayList<>();
    String username = body.getValue("username") instanceof String s ? s : null;
    if (username == null || !USERNAME.matcher(username).matches()) {
      errors.add("'username' must be 1 to 64 letters, digits, '.', '_', '@' or '-'");
    }
    String password = body.getValue("password") instanceof String s ? s : null;
    UserAccounts.passwordProblem(password).ifPresent(errors::add);
    String role = body.getValue("role") instanceof String s ? s : null;
    if ("agent".equals(role)) {
      errors.add("'role' agent is not a user role: create agents with POST /api/agents (or ./campo agent add);"
          + " their phones authenticate with the device token, not a password");
    } else if (role == null || !OFFICE_ROLES.contains(role)) {
      errors.add("'role' must be one of " + String.join(", ", OFFICE_ROLES) + (role == null ? "" : ", not '" + role + "'"));
    }
    Set<String> teams = teams(body.getValue("teams"), errors);
    if (!errors.isEmpty()) {
      throw ApiException.badRequest(String.join("; ", errors));
    }
    return new NewUser(username, password, role, teams);
  }

  /**
   * The team ids of a {@code teams} member: absent means none; anything but an array of team ids
   * adds an error.
   */
  static Set<String> teams(Object value, List<String> errors) {
    Set<String> teams = new LinkedHashSet<>();
    if (value == null) {
      return teams;
    }
    if (!(value instanceof JsonArray array)) {
      errors.add("'teams' must be an array of team ids");
      return teams;
    }
    for (Object t : array) {
      if (t instanceof String s && Teams.TEAM_ID.matcher(s).matches()) {
        teams.add(s);
      } else {
        errors.add("'teams' holds " + (t instanceof String ? "'" + t + "'" : String.valueOf(t)) + ", which is not a team id");
      }
    }
    return teams;
  }
}
