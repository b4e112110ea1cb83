package io.campo.server.agent;

import io.campo.server.auth.KeptDeviceTokens;
import io.campo.server.auth.Sha256;
import io.campo.tracking.mqtt.AgentTopic;
import io.campo.tracking.mqtt.DeviceAuthenticator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import javax.sql.DataSource;

/**
 * The agents and their device tokens. A token is shown once, when the agent is created or its token rotated; only
 * its hash is stored, and a sealed copy for the enrolment QR code ({@link KeptDeviceTokens}). A disabled agent's token
 * authenticates nothing. Blocking (JDBC): call it off the event loop.
 */
public final class AgentRegistry implements DeviceAuthenticator {

  /** An agent as the API shows it; {@code team} is null for an agent in no team. */
  public record Agent(String id, String name, String team, boolean active) {
    public Agent(String id, String name, String team) {
      this(id, name, team, true);
    }
  }

  /**
   * Whether an agent's devices may work, and the generation of its device credentials: a token rotation or a change of
   * {@code active} moves it on, and what was opened with an older one (a phone JWT, an MQTT connection) must end.
   */
  public record Standing(boolean active, long credentialsGeneration) {}

  /** The agent a device token belongs to, and whether it may report. */
  public record TokenOwner(String agentId, boolean active) {}

  /** A freshly created agent and its device token, which is never shown again. */
  public record CreatedAgent(Agent agent, String deviceToken) {}

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String FOREIGN_KEY_VIOLATION = "23503";

  private final DataSource dataSource;

  public AgentRegistry(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Creates an agent with a new device token.
   *
   * @throws AgentException when the id is malformed or already taken
   */
  public CreatedAgent create(String id, String name) throws SQLException {
    return create(id, name, null);
  }

  /**
   * Creates an agent with a new device token and, optionally, the supervisor who is e-mailed
   * about its visits.
   *
   * @throws AgentException when the id or e-mail address is malformed or the id is taken
   */
  public CreatedAgent create(String id, String name, String supervisorEmail) throws SQLException {
    return create(id, name, supervisorEmail, null);
  }

  /**
   * Creates an agent with a new device token, optionally its supervisor's e-mail and its team
   * (which must exist).
   *
   * @throws AgentException when the id or e-mail address is malformed, the team unknown or the id taken
   */
  public CreatedAgent create(String id, String name, String supervisorEmail, String team) throws SQLException {
    if (supervisorEmail != null && !supervisorEmail.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
      throw new AgentException(AgentException.Kind.INVALID, "supervisor e-mail '" + supervisorEmail + "' is not an e-mail address");
    }
    if (id == null || !AgentTopic.AGENT_ID.matcher(id).matches()) {
      throw new AgentException(AgentException.Kind.INVALID, "agent id '" + id + "' is invalid: use 1 to 64 letters, digits, '.', '_' or '-'");
    }
    String displayName = name == null || name.isBlank() ? id : name.trim();
    String token = newToken();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "INSERT INTO agent (id, name, device_token_hash, supervisor_email, team_id) VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING")) {
      c.setAutoCommit(false);
      ps.setString(1, id);
      ps.setString(2, displayName);
      ps.setString(3, Sha256.hex(token));
      ps.setString(4, supervisorEmail);
      ps.setString(5, team);
      if (ps.executeUpdate() == 0) {
        c.rollback();
        throw new AgentException(AgentException.Kind.ALREADY_EXISTS, "agent '" + id + "' already exists");
      }
      // Sealed for the enrolment QR code in the same transaction: no agent whose token the office can never show.
      KeptDeviceTokens.keep(c, id, token);
      c.commit();
    } catch (SQLException e) {
      if (FOREIGN_KEY_VIOLATION.equals(e.getSQLState())) {
        throw new AgentException(AgentException.Kind.INVALID, "unknown team '" + team + "'; create it first with POST /api/teams");
      }
      throw e;
    }
    return new CreatedAgent(new Agent(id, displayName, team), token);
  }

  public List<Agent> list() throws SQLException {
    List<Agent> agents = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT id, name, team_id, active FROM agent ORDER BY id");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        agents.add(new Agent(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4)));
      }
    }
    return agents;
  }

  public Optional<Agent> find(String id) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT id, name, team_id, active FROM agent WHERE id = ?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(new Agent(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4))) : Optional.empty();
      }
    }
  }

  @Override
  public OptionalLong credentialsGeneration(String agentId, String deviceToken) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT device_token_hash, active, credentials_generation FROM agent WHERE id = ?")) {
      ps.setString(1, agentId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return OptionalLong.empty();
        }
        boolean tokenMatches = MessageDigest.isEqual(
            rs.getString(1).getBytes(StandardCharsets.US_ASCII), Sha256.hex(deviceToken).getBytes(StandardCharsets.US_ASCII));
        return tokenMatches && rs.getBoolean(2) ? OptionalLong.of(rs.getLong(3)) : OptionalLong.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read agent " + agentId + ": " + e.getMessage(), e);
    }
  }

  /**
   * The agent whose current device token this is, for protocols that carry only a device identifier
   * (the OsmAnd protocol of Traccar Client): the token is looked up by its hash, never stored or
   * compared in clear. A rotated-away token finds no one; a disabled agent is found, marked inactive.
   */
  public Optional<TokenOwner> agentWithToken(String deviceToken) {
    if (deviceToken == null || deviceToken.isEmpty()) {
      return Optional.empty();
    }
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT id, active FROM agent WHERE device_token_hash = ?")) {
      ps.setString(1, Sha256.hex(deviceToken));
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(new TokenOwner(rs.getString(1), rs.getBoolean(2))) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot look a device token up: " + e.getMessage(), e);
    }
  }

  /**
   * Gives the agent a new device token, which is never shown again; the old one stops working at once, and what was
   * opened with it ends within {@code AgentStandings.RECHECK_INTERVAL} on every node.
   *
   * @return the new token, empty when there is no such agent
   */
  public Optional<String> rotateToken(String id) throws SQLException {
    String token = newToken();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("UPDATE agent SET device_token_hash = ?,"
            + " credentials_generation = nextval('credentials_generation') WHERE id = ?")) {
      c.setAutoCommit(false);
      ps.setString(1, Sha256.hex(token));
      ps.setString(2, id);
      if (ps.executeUpdate() == 0) {
        c.rollback();
        return Optional.empty();
      }
      // The new token replaces the old one's sealed copy too: the enrolment QR code shows the token that works.
      KeptDeviceTokens.keep(c, id, token);
      c.commit();
      return Optional.of(token);
    }
  }

  /**
   * Disables or enables the agent. Either way its credentials generation moves on: a phone logs in again after being
   * enabled, so no token issued before a disabling comes back to life.
   *
   * @return false when there is no such agent
   */
  public boolean setActive(String id, boolean active) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("UPDATE agent SET active = ?,"
            + " credentials_generation = nextval('credentials_generation') WHERE id = ?")) {
      ps.setBoolean(1, active);
      ps.setString(2, id);
      return ps.executeUpdate() == 1;
    }
  }

  /** Every agent's standing, by id: one cheap read that each node repeats to notice changes made anywhere. */
  public Map<String, Standing> standings() throws SQLException {
    Map<String, Standing> out = new HashMap<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT id, active, credentials_generation FROM agent");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.put(rs.getString(1), new Standing(rs.getBoolean(2), rs.getLong(3)));
      }
    }
    return out;
  }

  private static String newToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

}
