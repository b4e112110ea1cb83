package io.campo.load.fleet;

/**
 * Told each time a simulated phone finishes a stop of its plan. Called on the fleet's ticker
 * thread: hand slow work (HTTP) to another thread.
 */
@FunctionalInterface
public interface DoorVisitListener {

  DoorVisitListener NONE = visit -> {};

  void finished(DoorVisit visit);
}
