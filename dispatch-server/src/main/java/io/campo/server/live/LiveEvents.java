package io.campo.server.live;

import io.vertx.core.json.JsonObject;

/** The event-bus addresses the live feed listens to, and which agent each kind of event is about. */
public final class LiveEvents {

  /** Committed positions, as a {@link PositionBatch}, published by the server after each telemetry commit. */
  public static final String POSITIONS = "campo.live.positions";
  /** {@code {"type":"visit"|"visit.override","visit":{...,"agentId"}}}, published by the visit handlers. */
  public static final String VISITS = "campo.live.visits";
  /** {@code {"type":"plan.progress"|"plan.done","planId",...}}, published by the planning jobs. */
  public static final String PLANS = "campo.live.plans";
  /** {@code {"type":"message","message":{...,"agentId"}}}, published when an office user messages an agent. */
  public static final String MESSAGES = "campo.live.messages";
  /** {@code {"type":"agent.status","id","online"}}, published when an agent's last device connection closes. */
  public static final String AGENTS = "campo.live.agents";

  private LiveEvents() {}

  public static JsonObject agentStatus(String agentId, boolean online) {
    return new JsonObject().put("type", "agent.status").put("id", agentId).put("online", online);
  }

  /** The agent an event is about, so that only clients who may see that agent get it; null for events about none. */
  static String agentOf(JsonObject event) {
    Object type = event.getValue("type");
    if ("agent.status".equals(type)) {
      return event.getString("id");
    }
    for (String nested : new String[] {"visit", "message"}) {
      if (event.getValue(nested) instanceof JsonObject o && o.getValue("agentId") instanceof String agentId) {
        return agentId;
      }
    }
    return null;
  }
}
