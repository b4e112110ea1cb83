package io.campo.routing.planning.vrp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The problem's vehicles grouped by everything a route's feasibility and travel depend on: matrix, start and end,
 * shift, capacity, skills and break. A route one vehicle can drive, any vehicle of its kind can drive at the same
 * travel; Solomon's 25 vehicles are one kind, a real day's agents mostly one kind each (their homes differ).
 *
 * <p>Immutable and thread-safe.
 */
final class VehicleKinds {

    /** What makes two vehicles interchangeable; the matrix compared by identity (vehicles of a profile share one). */
    private record Kind(CostMatrix matrix, int startPlace, int endPlace, double earliestStart, double latestEnd, int capacity,
                        Set<String> skills, Optional<VrpBreak> lunch) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Kind kind && kind.matrix == matrix && kind.startPlace == startPlace && kind.endPlace == endPlace
                    && kind.earliestStart == earliestStart && kind.latestEnd == latestEnd && kind.capacity == capacity
                    && kind.skills.equals(skills) && kind.lunch.equals(lunch);
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(matrix) * 31 + startPlace * 17 + endPlace;
        }
    }

    private final int[] kindOfVehicle;
    private final List<List<Integer>> vehiclesOfKind = new ArrayList<>();
    private final Map<String, Integer> vehicleIndex = new HashMap<>();

    VehicleKinds(List<VrpVehicle> vehicles) {
        kindOfVehicle = new int[vehicles.size()];
        Map<Kind, Integer> kinds = new HashMap<>();
        for (int v = 0; v < vehicles.size(); v++) {
            VrpVehicle vehicle = vehicles.get(v);
            Kind kind = new Kind(vehicle.matrix(), vehicle.startPlace(), vehicle.endPlace(), vehicle.earliestStart(), vehicle.latestEnd(),
                    vehicle.capacity(), vehicle.skills(), vehicle.lunch());
            int k = kinds.computeIfAbsent(kind, x -> kinds.size());
            if (k == vehiclesOfKind.size()) vehiclesOfKind.add(new ArrayList<>());
            vehiclesOfKind.get(k).add(v);
            kindOfVehicle[v] = k;
            vehicleIndex.put(vehicle.id(), v);
        }
    }

    int count() {
        return vehiclesOfKind.size();
    }

    /** The kind of the vehicle at {@code vehicle} in the problem's order. */
    int of(int vehicle) {
        return kindOfVehicle[vehicle];
    }

    /** The kind of the vehicle with this id. */
    int of(String vehicleId) {
        return kindOfVehicle[vehicleIndex.get(vehicleId)];
    }

    /** The vehicles of a kind, in the problem's order. */
    List<Integer> vehicles(int kind) {
        return vehiclesOfKind.get(kind);
    }
}
