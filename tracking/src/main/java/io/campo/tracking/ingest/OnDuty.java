package io.campo.tracking.ingest;

/**
 * Whether an agent was on duty when a fix was taken: fixes taken off duty are acknowledged to the device but never
 * stored nor shown (agents are employees; following them after work is a privacy problem, issue #17). Judged by the
 * fix's device time, so a backlog recorded during the shift and sent after it is still stored.
 *
 * <p>Called on the MQTT event loops for every fix: it must answer from memory, never block.
 */
@FunctionalInterface
public interface OnDuty {

  /** Tracked at all hours: the behaviour of an agent without a schedule. */
  OnDuty ALWAYS = (agentId, deviceTimeMillis) -> true;

  boolean at(String agentId, long deviceTimeMillis);
}
