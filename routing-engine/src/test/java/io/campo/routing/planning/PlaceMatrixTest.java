package io.campo.routing.planning;

import io.campo.routing.api.SnappedPoint;
import io.campo.routing.api.TravelMatrix;
import io.campo.routing.api.TravelProfile;
import io.campo.routing.api.Waypoint;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Regions' matrices joined into one index space: trips inside a region keep their values, trips across have none. */
class PlaceMatrixTest {

    /** Region 0: start a0, end a0, visit x (3 places); region 1: start b, visit y, visit z (3 places, b has no end). */
    static final PlaceMatrix WEST = new PlaceMatrix(matrix(3, 100), Map.of("x", 2), Map.of("a", 0), Map.of("a", 1));
    static final PlaceMatrix EAST = new PlaceMatrix(matrix(3, 200), Map.of("y", 1, "z", 2), Map.of("b", 0), Map.of());

    @Test
    void joinedIndicesFollowOnAndKeepEachRegionsValues() {
        PlaceMatrix joined = PlaceMatrix.joined(List.of(WEST, EAST));

        assertEquals(6, joined.size());
        assertEquals(2, joined.regionCount());
        assertEquals(Map.of("x", 2, "y", 4, "z", 5), joined.visitIndex());
        assertEquals(Map.of("a", 0, "b", 3), joined.agentStartIndex());
        assertEquals(Map.of("a", 1), joined.agentEndIndex());
        assertEquals(WEST.seconds(0, 2), joined.seconds(0, 2));
        assertEquals(EAST.seconds(1, 2), joined.seconds(4, 5));
        assertEquals(EAST.meters(0, 1), joined.meters(3, 4));
        assertTrue(joined.isReachable(3, 5));
        assertEquals(List.of(0, 0, 0, 1, 1, 1), List.of(joined.region(0), joined.region(1), joined.region(2), joined.region(3),
                joined.region(4), joined.region(5)));
    }

    @Test
    void aTripAcrossRegionsHasNoTravelTime() {
        PlaceMatrix joined = PlaceMatrix.joined(List.of(WEST, EAST));

        assertFalse(joined.sameRegion(2, 4));
        assertFalse(joined.isReachable(2, 4));
        assertEquals(Double.POSITIVE_INFINITY, joined.seconds(2, 4));
        assertEquals(Double.POSITIVE_INFINITY, joined.meters(4, 2));
    }

    @Test
    void aVisitInTwoRegionsIsRefused() {
        PlaceMatrix alsoX = new PlaceMatrix(matrix(2, 300), Map.of("x", 1), Map.of("c", 0), Map.of());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PlaceMatrix.joined(List.of(WEST, alsoX)));
        assertEquals("visit x is in two regions' matrices", e.getMessage());
    }

    @Test
    void anEmptyRegionTakesNoIndexAndAPlaceOutsideIsRefused() {
        PlaceMatrix empty = new PlaceMatrix(matrix(0, 0), Map.of(), Map.of(), Map.of());

        PlaceMatrix joined = PlaceMatrix.joined(List.of(WEST, empty, EAST));

        assertEquals(3, joined.regionCount());
        assertEquals(2, joined.region(3), "place 3 is the east's first, not the empty region's");
        assertEquals(0, joined.region(2));
        assertThrows(IndexOutOfBoundsException.class, () -> joined.region(6));
        assertThrows(IndexOutOfBoundsException.class, () -> joined.seconds(-1, 0));
    }

    @Test
    void aSingleMatrixIsOneRegion() {
        assertEquals(1, WEST.regionCount());
        assertTrue(WEST.sameRegion(0, 2));
        assertEquals(102.0, WEST.seconds(0, 2));
    }

    /** Entry (i, j) takes base + 3i + j seconds (0 on the diagonal) and ten times that in metres. */
    static TravelMatrix matrix(int n, int base) {
        List<SnappedPoint> points = new ArrayList<>();
        for (int i = 0; i < n; i++)
            points.add(new SnappedPoint(new Waypoint("p" + i, 19.4, -99.1), TravelProfile.CAR, 19.4, -99.1, 0));
        float[] seconds = new float[n * n];
        float[] meters = new float[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) {
                seconds[i * n + j] = i == j ? 0 : base + 3 * i + j;
                meters[i * n + j] = 10 * seconds[i * n + j];
            }
        return new TravelMatrix(TravelProfile.CAR, points, seconds, meters);
    }
}
