package io.campo.load.demo;

import io.campo.load.fleet.AgentCredentials;
import io.campo.server.enrolment.EnrolmentLink;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The one demo agent no simulated phone drives: it is planned like the others, and a person signs in as it at
 * {@code /agent/} to walk through its day in a browser (a simulated phone on the same account would move its position
 * and record its visits first). The last agent that is not one of {@link DemoVisits#lazyAgents lazy ones}, so its day
 * is a normal one.
 *
 * @param walker the agent kept for a person
 * @param simulated every other agent, for the simulated fleet
 */
public record WalkThroughAgent(AgentCredentials walker, List<AgentCredentials> simulated) {

  /** Splits the demo's agents; null walker when there are none. */
  public static WalkThroughAgent choose(List<AgentCredentials> agents) {
    Set<String> lazy = DemoVisits.lazyAgents(agents.stream().map(AgentCredentials::agentId).toList());
    AgentCredentials walker = null;
    for (int i = agents.size() - 1; i >= 0 && walker == null; i--) {
      if (!lazy.contains(agents.get(i).agentId())) {
        walker = agents.get(i);
      }
    }
    List<AgentCredentials> rest = new ArrayList<>(agents);
    rest.remove(walker);
    return new WalkThroughAgent(walker, List.copyOf(rest));
  }

  /** The enrolment link the agent app reads (what the office's QR code carries), for a server at {@code httpBase}. */
  public String enrolmentLink(String httpBase) {
    return new EnrolmentLink(httpBase, walker.agentId(), walker.deviceToken()).url();
  }

  /** The console lines that tell a person how to sign in as the walker. */
  public List<String> signInLines(String httpBase) {
    String base = httpBase.endsWith("/") ? httpBase.substring(0, httpBase.length() - 1) : httpBase;
    return List.of(
        "  agent app : " + base + "/agent/ — sign in as " + walker.agentId() + " (no simulated phone drives it; its day is"
            + " planned like the others)",
        "              agent id " + walker.agentId() + ", device token " + walker.deviceToken(),
        "              or open " + enrolmentLink(base));
  }
}
