package io.campo.load.fleet;

/**
 * How a simulated agent moves: one implementation per kind of path. Agents wander a street grid
 * ({@link StreetGridWalk}) until they receive a plan, then drive its road path ({@link
 * PlannedRouteMover}).
 *
 * <p>Implementations hold the agent's progress and are not thread-safe: one agent, one caller.
 */
public interface Mover {

  /** Moves the agent on by {@code elapsedSeconds} of travel and returns where it now is. */
  Motion advance(double elapsedSeconds);
}
