package io.campo.server.live;

import io.campo.tracking.telemetry.Fix;
import io.vertx.core.json.JsonObject;

/**
 * The JSON text of live frames. Frames carry up to every agent four times a second, so agents are written straight into
 * one StringBuilder instead of building a JsonObject per agent; optional measurements a device did not send are left
 * out rather than written as null.
 */
public final class LiveFrames {

  private LiveFrames() {}

  /**
   * @param sentAtMillis the server's clock as the frame is written (epoch ms), sent as {@code "sent"}: with each agent's
   *     device time {@code t} it splits a fix's delay on the page into before and after the server's send, for a few
   *     bytes per frame rather than per agent
   */
  public static String encode(LiveFrame frame, long sentAtMillis) {
    StringBuilder json = new StringBuilder(64 + frame.agents().size() * 160);
    json.append("{\"type\":\"frame\",\"seq\":").append(frame.seq()).append(",\"sent\":").append(sentAtMillis)
        .append(",\"agents\":[");
    boolean first = true;
    for (LiveFrame.AgentState agent : frame.agents()) {
      if (!first) {
        json.append(',');
      }
      first = false;
      appendAgent(json, agent);
    }
    json.append("],\"events\":[");
    first = true;
    for (JsonObject event : frame.events()) {
      if (!first) {
        json.append(',');
      }
      first = false;
      json.append(event.encode());
    }
    json.append(']');
    if (frame.droppedEvents() > 0) {
      json.append(",\"droppedEvents\":").append(frame.droppedEvents());
    }
    return json.append('}').toString();
  }

  public static String error(String message) {
    return new JsonObject().put("type", "error").put("message", message).encode();
  }

  private static void appendAgent(StringBuilder json, LiveFrame.AgentState agent) {
    Fix fix = agent.fix();
    json.append("{\"id\":");
    appendString(json, fix.agentId());
    json.append(",\"lat\":").append(fix.lat()).append(",\"lon\":").append(fix.lon()).append(",\"t\":").append(fix.deviceTimeMillis());
    if (fix.batteryPercent() != null) {
      json.append(",\"battery\":").append(fix.batteryPercent().intValue());
    }
    if (fix.charging() != null) {
      json.append(",\"charging\":").append(fix.charging().booleanValue());
    }
    if (fix.speedMetersPerSecond() != null) {
      json.append(",\"speed\":").append(fix.speedMetersPerSecond().doubleValue());
    }
    if (fix.headingDegrees() != null) {
      json.append(",\"heading\":").append(fix.headingDegrees().doubleValue());
    }
    if (fix.accuracyMeters() != null) {
      json.append(",\"accuracy\":").append(fix.accuracyMeters().doubleValue());
    }
    json.append(",\"online\":").append(agent.online()).append('}');
  }

  /** A JSON string literal; agent ids are admin-chosen text, so quotes and control characters are escaped. */
  static void appendString(StringBuilder json, String s) {
    json.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> json.append("\\\"");
        case '\\' -> json.append("\\\\");
        default -> {
          if (c < 0x20 || c == 0x2028 || c == 0x2029) {
            json.append(String.format("\\u%04x", (int) c));
          } else {
            json.append(c);
          }
        }
      }
    }
    json.append('"');
  }
}
