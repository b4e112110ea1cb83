package io.campo.server.team;

import java.util.Map;
import java.util.Set;

/**
 * Who is in which team at one moment: each agent's team (agents without a team are absent) and
 * each office user's teams. Immutable, so {@link TeamScope} can hand it to any thread.
 */
public record TeamMemberships(Map<String, String> teamOfAgent, Map<String, Set<String>> teamsOfUser) {

  public static final TeamMemberships NONE = new TeamMemberships(Map.of(), Map.of());

  public TeamMemberships {
    teamOfAgent = Map.copyOf(teamOfAgent);
    teamsOfUser = teamsOfUser.entrySet().stream()
        .collect(java.util.stream.Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> Set.copyOf(e.getValue())));
  }

  /** Whether the agent is in one of the user's teams; an agent without a team is in none. */
  boolean sameTeam(String username, String agentId) {
    String team = teamOfAgent.get(agentId);
    return team != null && teamsOfUser.getOrDefault(username, Set.of()).contains(team);
  }
}
