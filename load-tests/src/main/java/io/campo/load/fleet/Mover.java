package io.campo.load.fleet;

/**
 * How a simulated agent moves: one implementation per kind of path. Today agents wander a
 * street grid ({@link StreetGridWalk}); an agent following its planned route will be another
 * implementation fed with the route's coordinates, and nothing else in the fleet changes.
 *
 * <p>Implementations hold the agent's progress and are not thread-safe: one agent, one caller.
 */
public interface Mover {

  /** Moves the agent on by {@code elapsedSeconds} of travel and returns where it now is. */
  Motion advance(double elapsedSeconds);
}
