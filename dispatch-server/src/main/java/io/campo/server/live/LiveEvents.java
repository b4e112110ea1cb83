package io.campo.server.live;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** The event-bus addresses the live feed listens to, and which agents each kind of event is about. */
public final class LiveEvents {

  /**
   * Positions, as a {@link PositionBatch}, published by the server as each telemetry publish is decoded and validated
   * (before it is written: the map does not wait for PostgreSQL; the device's ack does).
   */
  public static final String POSITIONS = "campo.live.positions";
  /**
   * {@code {"type":"visit"|"visit.override"|"visit.rejudged","visit":{...,"agentId"}}}, published by the visit handlers
   * and, when a late track changes a verdict, by {@code LateTrackRejudging}.
   */
  public static final String VISITS = "campo.live.visits";
  /** {@code {"type":"plan.progress"|"plan.done","planId",...}}, published by the planning jobs. */
  public static final String PLANS = "campo.live.plans";
  /** {@code {"type":"message","message":{...,"agentId"}}}, published when an office user messages an agent. */
  public static final String MESSAGES = "campo.live.messages";
  /**
   * {@code {"type":"agent.status","id","online"}}, published when no node holds a device connection of the agent any
   * more: its last one closed, or its node died ({@code AgentPresence}); and {@code {"type":"agent.active","id","active"}}
   * when the agent was disabled or enabled (each node publishes that one to itself only: {@code agent.DeviceCutoff});
   * and {@code {"type":"agent.duty","id","onDuty"}} when the agent's shift began or ended (each node to itself only:
   * {@code shift.RosterSync}).
   */
  public static final String AGENTS = "campo.live.agents";
  /**
   * What watching the day finds ({@code io.campo.server.watch}), each with {@code "agents": [agentId]}:
   * {@code {"type":"eta"|"alert"|"alert.cleared"|"geofence.arrival"|"geofence.departure",...}}.
   */
  public static final String WATCH = "campo.live.watch";

  private LiveEvents() {}

  public static JsonObject agentStatus(String agentId, boolean online) {
    return new JsonObject().put("type", "agent.status").put("id", agentId).put("online", online);
  }

  public static JsonObject agentActive(String agentId, boolean active) {
    return new JsonObject().put("type", "agent.active").put("id", agentId).put("active", active);
  }

  public static JsonObject agentDuty(String agentId, boolean onDuty) {
    return new JsonObject().put("type", "agent.duty").put("id", agentId).put("onDuty", onDuty);
  }

  /**
   * The agents an event is about, so that only clients who may see all of them get it; empty for events about none.
   * A plan's events name every agent of the plan: a dispatcher sees a plan only if it sees all its agents.
   */
  static List<String> agentsOf(JsonObject event) {
    Object type = event.getValue("type");
    if (("agent.status".equals(type) || "agent.active".equals(type) || "agent.duty".equals(type)) && event.getValue("id") instanceof String agentId) {
      return List.of(agentId);
    }
    if (event.getValue("agents") instanceof JsonArray agents) {
      List<String> ids = new ArrayList<>(agents.size());
      agents.forEach(a -> ids.add(String.valueOf(a)));
      return ids;
    }
    for (String nested : new String[] {"visit", "message"}) {
      if (event.getValue(nested) instanceof JsonObject o && o.getValue("agentId") instanceof String agentId) {
        return List.of(agentId);
      }
    }
    return List.of();
  }
}
