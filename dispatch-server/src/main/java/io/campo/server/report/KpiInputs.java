package io.campo.server.report;

import java.math.BigDecimal;
import java.util.List;

/**
 * Everything the indicators of one period are computed from, as read by {@link KpiQuery}.
 *
 * @param agents the per-agent rows of the visit rollup (agents with a visit in the period)
 * @param openBalance sum of the balances of open debts (balance > 0) of the segment, now
 * @param overdueBalance the part of it due before the period's last day
 * @param balanceDaysPastDue sum over those debts of balance x days past due on the last day
 * @param openDebtors debtors with an open debt (of the segment)
 * @param managedDebtors of those, the ones the selected agents attempted in the period
 * @param workedBalance the open balance of the debtors the selected agents attempted in the period
 * @param portfolioCollected every payment of the period in the ledger from debtors of the segment: field payments (PAID
 *     visits, by every agent) and every other source (V24)
 * @param promisesKept promises made in the period (selected agents), due before today and kept
 * @param promisesBroken the same, broken
 */
public record KpiInputs(List<AgentRow> agents, BigDecimal openBalance, BigDecimal overdueBalance, BigDecimal balanceDaysPastDue,
    long openDebtors, long managedDebtors, BigDecimal workedBalance, BigDecimal portfolioCollected, long promisesKept,
    long promisesBroken) {

  /**
   * One agent's period from the visit rollup, over its agent-days (local days with at least one visit).
   *
   * @param visits every visit, REJECTED ones included
   * @param attempts visits not REJECTED
   * @param timed attempts with a check-out, whose durations add up to {@code visitSeconds}
   */
  public record AgentRow(String agentId, String name, String team, long days, long visits, long rejected, long attempts,
      long contacts, long promises, BigDecimal collected, long timed, double visitSeconds, double distanceMeters) {}

  public long agentDays() {
    return agents.stream().mapToLong(AgentRow::days).sum();
  }

  public long visits() {
    return agents.stream().mapToLong(AgentRow::visits).sum();
  }

  public long rejected() {
    return agents.stream().mapToLong(AgentRow::rejected).sum();
  }

  public long attempts() {
    return agents.stream().mapToLong(AgentRow::attempts).sum();
  }

  public long promises() {
    return agents.stream().mapToLong(AgentRow::promises).sum();
  }

  public long timed() {
    return agents.stream().mapToLong(AgentRow::timed).sum();
  }

  public double visitSeconds() {
    return agents.stream().mapToDouble(AgentRow::visitSeconds).sum();
  }

  public double distanceMeters() {
    return agents.stream().mapToDouble(AgentRow::distanceMeters).sum();
  }

  /** Collected by the selected agents (from debtors of the segment). */
  public BigDecimal collected() {
    return agents.stream().map(AgentRow::collected).reduce(BigDecimal.ZERO, BigDecimal::add);
  }
}
