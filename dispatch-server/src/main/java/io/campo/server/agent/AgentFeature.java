package io.campo.server.agent;

import io.campo.server.cluster.PeriodicJobs;
import io.campo.tracking.mqtt.DeviceSessions;
import io.vertx.core.Vertx;
import javax.sql.DataSource;

/**
 * The agents and their standing: who may connect, and the cut-off of a disabled agent or a rotated token, which reaches
 * this node's MQTT connections, phone sessions and maps ({@link DeviceCutoff}).
 */
public final class AgentFeature {

  private final AgentRegistry registry;
  private final AgentStandings standings;
  private final DeviceCutoff cutoff;

  private AgentFeature(AgentRegistry registry, AgentStandings standings, DeviceCutoff cutoff) {
    this.registry = registry;
    this.standings = standings;
    this.cutoff = cutoff;
  }

  /** Reads every agent's standing (blocking) and re-reads it every {@link AgentStandings#RECHECK_INTERVAL}. */
  public static AgentFeature start(Vertx vertx, DataSource ds, DeviceSessions sessions, PeriodicJobs jobs) throws Exception {
    AgentRegistry registry = new AgentRegistry(ds);
    AgentStandings standings = new AgentStandings(registry::standings);
    standings.reload();
    DeviceCutoff cutoff = new DeviceCutoff(vertx, standings, sessions).listen();
    // Agents disabled or whose token was rotated from the command line: cut off on this node within the interval.
    jobs.repeatBlocking("re-reading the agents' standing", AgentStandings.RECHECK_INTERVAL, false, () -> {
      cutoff.recheckBlocking();
      return null;
    });
    return new AgentFeature(registry, standings, cutoff);
  }

  public AgentRegistry registry() {
    return registry;
  }

  public AgentStandings standings() {
    return standings;
  }

  public DeviceCutoff cutoff() {
    return cutoff;
  }
}
