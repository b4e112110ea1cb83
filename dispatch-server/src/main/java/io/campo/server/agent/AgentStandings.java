package io.campo.server.agent;

import io.campo.tracking.mqtt.RevokedCredentials;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * This node's copy of every agent's standing (enabled or not, device credentials generation), re-read from the
 * database every {@link #RECHECK_INTERVAL} and at once when any node announces a change ({@link DeviceCutoff}). Phone
 * JWTs and MQTT connections are judged against it without a database call each: a token rotated or an agent disabled
 * anywhere, the command line included, is refused everywhere within the interval.
 *
 * <p>An agent missing from the copy (created since the last read) is judged by nothing here: its credentials were
 * checked against the database when its device logged in or connected.
 *
 * <p>Thread-safe: one reload at a time; reads see the last complete copy.
 */
public final class AgentStandings implements RevokedCredentials {

  /** How often each node re-reads the agents: changes no announcement told it of (the command line) take at most this. */
  public static final Duration RECHECK_INTERVAL = Duration.ofSeconds(2);

  /** Where standings come from: the agent table (blocking). */
  @FunctionalInterface
  public interface Source {
    Map<String, AgentRegistry.Standing> read() throws SQLException;
  }

  /** An agent whose standing differs from the last read; {@code before} is null for an agent new since then. */
  public record Change(String agentId, AgentRegistry.Standing before, AgentRegistry.Standing now) {
    /** Enabled or disabled since the last read; an agent new since then counts as changed only if it is disabled. */
    public boolean activeChanged() {
      // An agent created and disabled between two reads was enabled once: its maps must hear it is disabled now.
      return before == null ? !now.active() : before.active() != now.active();
    }
  }

  private final Source source;
  private volatile Map<String, AgentRegistry.Standing> current = Map.of();
  private boolean loaded;

  public AgentStandings(Source source) {
    this.source = source;
  }

  /**
   * Reads every agent's standing again.
   *
   * @return what changed since the last read (nothing on the first)
   */
  public synchronized List<Change> reload() throws SQLException {
    Map<String, AgentRegistry.Standing> next = Map.copyOf(source.read());
    List<Change> changes = new ArrayList<>();
    if (loaded) {
      next.forEach((id, now) -> {
        AgentRegistry.Standing before = current.get(id);
        if (!Objects.equals(before, now)) {
          changes.add(new Change(id, before, now));
        }
      });
    }
    current = next;
    loaded = true;
    return changes;
  }

  /** Whether what was opened with credentials of {@code credentialsGeneration} must end: the agent is disabled or they moved on. */
  @Override
  public boolean revoked(String agentId, long credentialsGeneration) {
    AgentRegistry.Standing s = current.get(agentId);
    return s != null && (!s.active() || s.credentialsGeneration() != credentialsGeneration);
  }

  /** Whether the agent is disabled, as of the last read. */
  public boolean disabled(String agentId) {
    AgentRegistry.Standing s = current.get(agentId);
    return s != null && !s.active();
  }
}
