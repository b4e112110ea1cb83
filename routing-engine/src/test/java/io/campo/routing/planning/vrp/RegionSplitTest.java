package io.campo.routing.planning.vrp;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RegionSplitTest {

    @Test
    void aSmallProblemStaysWhole() {
        VrpProblem problem = twoTowns(10, 4, Set.of());

        assertEquals(List.of(problem), RegionSplit.split(problem, 100));
    }

    @Test
    void twoTownsBecomeTwoRegionsEachWithItsOwnVehiclesAndJobs() {
        VrpProblem problem = twoTowns(200, 6, Set.of());

        List<VrpProblem> regions = RegionSplit.split(problem, 250);

        assertEquals(2, regions.size());
        for (VrpProblem region : regions) {
            assertEquals(3, region.vehicles().size());
            assertEquals(200, region.jobs().size());
            boolean westVehicles = region.vehicles().get(0).id().startsWith("west");
            assertTrue(region.vehicles().stream().allMatch(v -> v.id().startsWith(westVehicles ? "west" : "east")), "vehicles mixed");
            assertTrue(region.jobs().stream().allMatch(j -> j.id().startsWith(westVehicles ? "west" : "east")), "jobs cross the river");
        }
    }

    @Test
    void everyJobAndVehicleLandsInExactlyOneRegion() {
        VrpProblem problem = twoTowns(500, 10, Set.of());

        List<VrpProblem> regions = RegionSplit.split(problem, 120);

        Set<String> jobs = new HashSet<>();
        Set<String> vehicles = new HashSet<>();
        for (VrpProblem region : regions) {
            assertTrue(region.jobs().size() <= 120 || region.vehicles().size() == 1, "region too big: " + region.jobs().size());
            region.jobs().forEach(j -> assertTrue(jobs.add(j.id()), "job twice: " + j.id()));
            region.vehicles().forEach(v -> assertTrue(vehicles.add(v.id()), "vehicle twice: " + v.id()));
        }
        assertEquals(1000, jobs.size());
        assertEquals(10, vehicles.size());
    }

    @Test
    void aJobNeedingASkillGoesWhereAVehicleHasIt() {
        // only one west vehicle is a lawyer: the east's legal jobs must cross to it
        VrpProblem problem = twoTowns(200, 6, Set.of("legal"));

        List<VrpProblem> regions = RegionSplit.split(problem, 250);

        for (VrpProblem region : regions)
            for (VrpJob job : region.jobs())
                assertTrue(region.vehicles().stream().anyMatch(v -> v.skills().containsAll(job.requiredSkills())),
                        "job " + job.id() + " has no vehicle able to serve it in its region");
    }

    /**
     * Two towns 1,000 apart, {@code jobsPerTown} jobs and half the vehicles in each; every tenth job
     * needs {@code skill}, which only the first west vehicle has.
     */
    private static VrpProblem twoTowns(int jobsPerTown, int vehicles, Set<String> skill) {
        Random random = new Random(3);
        int places = 2 * jobsPerTown + vehicles;
        double[] x = new double[places];
        double[] y = new double[places];
        List<VrpJob> jobs = new ArrayList<>();
        for (int i = 0; i < 2 * jobsPerTown; i++) {
            boolean west = i % 2 == 0;
            x[i] = (west ? 0 : 1000) + random.nextDouble() * 100;
            y[i] = random.nextDouble() * 100;
            Set<String> needs = i % 10 == 0 ? skill : Set.of();
            jobs.add(new VrpJob((west ? "west-" : "east-") + i, i, 5, List.of(), 1, 1, needs, false));
        }
        List<VrpVehicle> fleet = new ArrayList<>();
        for (int v = 0; v < vehicles; v++) {
            int place = 2 * jobsPerTown + v;
            boolean west = v % 2 == 0;
            x[place] = (west ? 0 : 1000) + 50;
            y[place] = 50;
        }
        EuclideanMatrix matrix = new EuclideanMatrix(x, y, -1);
        for (int v = 0; v < vehicles; v++) {
            boolean west = v % 2 == 0;
            Set<String> skills = v == 0 ? skill : Set.of();
            fleet.add(new VrpVehicle((west ? "west-" : "east-") + v, matrix, 2 * jobsPerTown + v, 2 * jobsPerTown + v, 0, 10_000, 100,
                    skills, Optional.empty()));
        }
        return new VrpProblem(fleet, jobs, TravelObjective.TIME);
    }
}
