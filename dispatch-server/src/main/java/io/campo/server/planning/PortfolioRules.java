package io.campo.server.planning;

import io.campo.routing.api.Coordinate;
import io.campo.server.outreach.compliance.ContactDecision;
import io.campo.server.outreach.compliance.PlannedVisitGate;
import io.campo.server.outreach.compliance.SkipReason;
import io.campo.server.planning.cadence.CadenceRules;
import io.campo.server.planning.territory.TerritoryMap;
import io.campo.server.portfolio.PortfolioVisits;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The rules a plan applies to each debtor the portfolio offers: the contact gate first ({@link PlannedVisitGate}:
 * consent to visits, the weekly cap; it decides, this class only asks and counts), then cadence ({@link CadenceRules}: suppressed and
 * cooling-down debtors are left out, broken promises become must-visits), then territory: a debtor reserved for an
 * agent, or lying in a zone an agent works ({@link TerritoryMap}), goes to that agent only, through a skill no other
 * agent has ({@link #agentSkill}); when that agent is not in the plan, the debtor waits for a plan that has them.
 *
 * <p>Counts what it left out, for the answer to {@code POST /api/plans}. Not thread-safe: one per plan.
 */
final class PortfolioRules implements PortfolioVisits.Rules {

  private final PlannedVisitGate gate;
  private final Map<String, Integer> gateSkipped = new LinkedHashMap<>();
  private final CadenceRules cadence;
  private final TerritoryMap territories;
  private final Set<String> planAgents;
  private int suppressed;
  private int coolingDown;
  private int otherAgents;
  private int mustVisits;

  PortfolioRules(PlannedVisitGate gate, CadenceRules cadence, TerritoryMap territories, Set<String> planAgents) {
    this.gate = gate;
    // Every reason a plan's gate gives, counted from zero, so that the answer always has the same keys.
    for (String reason : new String[] {SkipReason.NO_CONSENT, SkipReason.WEEKLY_LIMIT, SkipReason.REST_DAY}) {
      gateSkipped.put(reason, 0);
    }
    this.cadence = cadence;
    this.territories = territories;
    this.planAgents = Set.copyOf(planAgents);
  }

  /** The skill only agent {@code agentId} has in a plan: how a debtor is routed to its agent and no other. */
  static String agentSkill(String agentId) {
    return "campo.agent:" + agentId;
  }

  @Override
  public PortfolioVisits.Admission judge(long debtorId, boolean consentVisits, String reservedAgent, Coordinate location) {
    if (gate.judge(debtorId, consentVisits) instanceof ContactDecision.Skip skip) {
      gateSkipped.merge(skip.reason(), 1, Integer::sum);
      return PortfolioVisits.Admission.LEFT_OUT;
    }
    CadenceRules.Verdict verdict = cadence.of(debtorId);
    if (verdict == CadenceRules.Verdict.SUPPRESSED) {
      suppressed++;
      return PortfolioVisits.Admission.LEFT_OUT;
    }
    if (verdict == CadenceRules.Verdict.COOLING_DOWN) {
      coolingDown++;
      return PortfolioVisits.Admission.LEFT_OUT;
    }
    String owner = reservedAgent != null ? reservedAgent : territories.agentAt(location).orElse(null);
    if (owner != null && !planAgents.contains(owner)) {
      otherAgents++;
      return PortfolioVisits.Admission.LEFT_OUT;
    }
    boolean must = verdict == CadenceRules.Verdict.MUST_VISIT;
    mustVisits += must ? 1 : 0;
    return new PortfolioVisits.Admission(true, must, owner == null ? Set.of() : Set.of(agentSkill(owner)));
  }

  /** Debtors drawn but not offered on the plan's first day because it is a rest day: counted with the gate's. */
  void restDay(int debtors) {
    gateSkipped.merge(SkipReason.REST_DAY, debtors, Integer::sum);
  }

  /**
   * What was left out and why, and how many must-visits were found (before the selection's maximum); {@code contact}:
   * left out by the contact gate, by {@link SkipReason}.
   */
  JsonObject report() {
    return new JsonObject().put("suppressed", suppressed).put("coolingDown", coolingDown).put("otherAgents", otherAgents)
        .put("mustVisits", mustVisits).put("contact", new JsonObject(new LinkedHashMap<>(gateSkipped)));
  }
}
