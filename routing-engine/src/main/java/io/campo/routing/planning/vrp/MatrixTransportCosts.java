package io.campo.routing.planning.vrp;

import com.graphhopper.jsprit.core.problem.Location;
import com.graphhopper.jsprit.core.problem.cost.AbstractForwardVehicleRoutingTransportCosts;
import com.graphhopper.jsprit.core.problem.driver.Driver;
import com.graphhopper.jsprit.core.problem.vehicle.Vehicle;

/**
 * jsprit's view of our {@link CostMatrix}es: each jsprit vehicle carries its matrix as user
 * data, so agents on foot and by car share one jsprit problem. Location indices are matrix
 * places.
 *
 * <p>Unreachable pairs become {@link #UNREACHABLE} instead of infinity: jsprit subtracts costs
 * when it evaluates insertions, and infinity minus infinity would poison them with NaN. Every
 * vehicle's latest arrival is far below it, so such a leg is always infeasible.
 *
 * <p>It counts its reads: the search's measure of work ({@link SolverSettings#maxWork()}).
 *
 * <p>Not thread-safe (the count): one per search, read from the search's thread.
 */
final class MatrixTransportCosts extends AbstractForwardVehicleRoutingTransportCosts {

    static final double UNREACHABLE = 1e9;

    private final CostMatrix fallback;
    private final TravelObjective objective;
    private long reads;

    /**
     * @param fallback the matrix used when jsprit asks without a vehicle (its neighbourhood
     *                 and clustering heuristics do)
     */
    MatrixTransportCosts(CostMatrix fallback, TravelObjective objective) {
        this.fallback = fallback;
        this.objective = objective;
    }

    @Override
    public double getDistance(Location from, Location to, double departureTime, Vehicle vehicle) {
        reads++;
        return finite(matrix(vehicle).distance(from.getIndex(), to.getIndex()));
    }

    @Override
    public double getTransportTime(Location from, Location to, double departureTime, Driver driver, Vehicle vehicle) {
        reads++;
        return finite(matrix(vehicle).time(from.getIndex(), to.getIndex()));
    }

    @Override
    public double getTransportCost(Location from, Location to, double departureTime, Driver driver, Vehicle vehicle) {
        reads++;
        return objective.leg(matrix(vehicle), from.getIndex(), to.getIndex());
    }

    /** Matrix reads so far. */
    long reads() {
        return reads;
    }

    private CostMatrix matrix(Vehicle vehicle) {
        if (vehicle != null && vehicle.getUserData() instanceof CostMatrix matrix) return matrix;
        return fallback;
    }

    private static double finite(double value) {
        return value < UNREACHABLE ? value : UNREACHABLE;
    }
}
