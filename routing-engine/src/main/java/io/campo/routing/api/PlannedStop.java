package io.campo.routing.api;

import java.time.Instant;
import java.util.Objects;

/**
 * One visit in an agent's route. The agent arrives, may wait for the window to open (or take
 * the break), serves, and leaves. Instants are UTC.
 *
 * <p>Immutable and thread-safe.
 *
 * @param visitId                  the visit served
 * @param arrival                  at the door
 * @param serviceStart             within one of the visit's windows
 * @param departure                {@code serviceStart} plus the visit's service time
 * @param travelSecondsFromPrevious travel time of the leg that ends here, seconds
 * @param travelMetersFromPrevious  road distance of that leg, metres
 */
public record PlannedStop(String visitId, Instant arrival, Instant serviceStart, Instant departure,
                          double travelSecondsFromPrevious, double travelMetersFromPrevious) {
    public PlannedStop {
        Objects.requireNonNull(visitId, "visitId");
        Objects.requireNonNull(arrival, "arrival");
        Objects.requireNonNull(serviceStart, "serviceStart");
        Objects.requireNonNull(departure, "departure");
    }
}
