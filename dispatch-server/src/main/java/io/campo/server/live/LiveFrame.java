package io.campo.server.live;

import io.campo.tracking.telemetry.Fix;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * One frame for one client: the agents that changed (every visible one in a snapshot), the events since the last frame,
 * and how many events were dropped because the client fell behind.
 */
public record LiveFrame(long seq, List<AgentState> agents, List<JsonObject> events, long droppedEvents) {

  /** An agent's position as the map shows it. */
  public record AgentState(Fix fix, boolean online) {}
}
