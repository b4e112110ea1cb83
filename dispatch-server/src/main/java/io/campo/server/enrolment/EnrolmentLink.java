package io.campo.server.enrolment;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The link an enrolment QR code carries: {@code <server>/agent/#enrol=<base64url of {"server","agentId","token"}>}. The
 * agent app reads it from the fragment, which browsers never send to a server, so the token stays out of access logs
 * and proxies on the way.
 *
 * @param server the base URL phones reach this server at, without a trailing slash ({@code https://campo.example.com})
 */
public record EnrolmentLink(String server, String agentId, String token) {

  public EnrolmentLink {
    server = server.endsWith("/") ? server.substring(0, server.length() - 1) : server;
  }

  public String url() {
    String json = new JsonObject().put("server", server).put("agentId", agentId).put("token", token).encode();
    return server + "/agent/#enrol=" + Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The link inside a URL made by {@link #url()}.
   *
   * @throws IllegalArgumentException when the URL carries no enrolment
   */
  public static EnrolmentLink parse(String url) {
    int at = url.indexOf("#enrol=");
    if (at < 0) {
      throw new IllegalArgumentException("no '#enrol=' in " + url);
    }
    JsonObject o = new JsonObject(new String(Base64.getUrlDecoder().decode(url.substring(at + "#enrol=".length())), StandardCharsets.UTF_8));
    return new EnrolmentLink(o.getString("server"), o.getString("agentId"), o.getString("token"));
  }
}
