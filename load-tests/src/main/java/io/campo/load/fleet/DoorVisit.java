package io.campo.load.fleet;

/**
 * A stop of its plan the phone has just finished: what it knows to submit the visit. The check-in
 * is the GPS reading taken on arrival at the door, the check-out the moment it left; both are
 * device (wall-clock) times. Immutable.
 *
 * @param visitId the plan's visit id, which the demo also uses as the debtor's external id
 * @param stopIndex the stop's position in the plan, from 0
 */
public record DoorVisit(String agentId, long planId, String visitId, int stopIndex, long checkInMillis, double lat, double lon,
    double accuracyMetres, long checkOutMillis) {}
