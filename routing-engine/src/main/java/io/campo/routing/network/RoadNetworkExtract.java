package io.campo.routing.network;

import io.campo.routing.api.MapRoadClass;
import io.campo.routing.api.RoadExtract;
import io.campo.routing.api.RoadSegment;

import com.graphhopper.GraphHopper;
import com.graphhopper.routing.ev.EnumEncodedValue;
import com.graphhopper.routing.ev.RoadClass;
import com.graphhopper.storage.BaseGraph;
import com.graphhopper.util.EdgeIteratorState;
import com.graphhopper.util.FetchMode;
import com.graphhopper.util.PointList;
import com.graphhopper.util.shapes.BBox;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the roads of a loaded {@link RoadNetwork} inside a bounding box, for drawing a basemap
 * from the very graph the plans are routed on (so a route never runs where the map shows no road).
 *
 * <p>Edges are found through GraphHopper's own spatial index ({@code LocationIndex.query(BBox)}),
 * which visits only the index tiles that touch the box; the index may report edges from a tile
 * that merely touches the box, so each edge's geometry is checked against the box before it is kept.
 * The road class is GraphHopper's {@code road_class} encoded value, present when the network was
 * built with a profile that reads it (motorcycle, foot); a car-only network draws every road as
 * {@link MapRoadClass#OTHER}.
 *
 * <p>Thread-safe: it only reads the graph, which is immutable once the network has started.
 */
public final class RoadNetworkExtract {

    private final BaseGraph graph;
    private final GraphHopper hopper;
    private final EnumEncodedValue<RoadClass> roadClass;

    /** @throws IllegalStateException when the network has not been started */
    public RoadNetworkExtract(RoadNetwork network) {
        this.hopper = network.graphHopper();
        this.graph = hopper.getBaseGraph();
        this.roadClass = hopper.getEncodingManager().hasEncodedValue(RoadClass.KEY)
                ? hopper.getEncodingManager().getEnumEncodedValue(RoadClass.KEY, RoadClass.class)
                : null;
    }

    /** The area the graph covers, as {@code [minLon, minLat, maxLon, maxLat]}. */
    public double[] bounds() {
        BBox b = graph.getBounds();
        return new double[] {b.minLon, b.minLat, b.maxLon, b.maxLat};
    }

    /**
     * The roads of the given classes whose geometry enters the box, at most {@code maxSegments}.
     *
     * @param classes the classes to keep (a map at low zoom leaves out the minor ones)
     */
    public RoadExtract roads(double minLon, double minLat, double maxLon, double maxLat, Set<MapRoadClass> classes,
            int maxSegments) {
        if (!(minLon < maxLon && minLat < maxLat))
            throw new IllegalArgumentException("empty box " + minLon + "," + minLat + "," + maxLon + "," + maxLat);
        if (maxSegments < 0) throw new IllegalArgumentException("maxSegments must be >= 0, was " + maxSegments);
        BBox box = new BBox(minLon, maxLon, minLat, maxLat);
        BitSet seen = new BitSet(graph.getEdges());
        List<RoadSegment> segments = new ArrayList<>();
        boolean[] truncated = {false};
        hopper.getLocationIndex().query(box, edgeId -> {
            // The index cannot stop early; once full, the rest only tells us the answer is truncated.
            if (seen.get(edgeId) || truncated[0]) return;
            seen.set(edgeId);
            EdgeIteratorState edge = graph.getEdgeIteratorState(edgeId, Integer.MIN_VALUE);
            MapRoadClass cls = roadClass == null ? MapRoadClass.OTHER : mapClass(edge.get(roadClass));
            if (!classes.contains(cls)) return;
            PointList points = edge.fetchWayGeometry(FetchMode.ALL);
            if (!touches(points, box)) return;
            if (segments.size() >= maxSegments) {
                truncated[0] = true;
                return;
            }
            double[][] lonLat = new double[points.size()][];
            for (int i = 0; i < points.size(); i++) lonLat[i] = new double[] {points.getLon(i), points.getLat(i)};
            segments.add(new RoadSegment(cls, lonLat));
        });
        return new RoadExtract(segments, truncated[0]);
    }

    /** True when a point of the line lies in the box or one of its pieces crosses it. */
    static boolean touches(PointList points, BBox box) {
        for (int i = 0; i < points.size(); i++) {
            if (box.contains(points.getLat(i), points.getLon(i))) return true;
        }
        for (int i = 1; i < points.size(); i++) {
            if (crosses(points.getLon(i - 1), points.getLat(i - 1), points.getLon(i), points.getLat(i), box)) return true;
        }
        return false;
    }

    /** Segment against box, both ends outside it: Liang–Barsky clipping leaves a piece inside or not. */
    private static boolean crosses(double x0, double y0, double x1, double y1, BBox box) {
        double t0 = 0, t1 = 1, dx = x1 - x0, dy = y1 - y0;
        double[] p = {-dx, dx, -dy, dy};
        double[] q = {x0 - box.minLon, box.maxLon - x0, y0 - box.minLat, box.maxLat - y0};
        for (int i = 0; i < 4; i++) {
            if (p[i] == 0) {
                if (q[i] < 0) return false;
            } else {
                double t = q[i] / p[i];
                if (p[i] < 0) t0 = Math.max(t0, t);
                else t1 = Math.min(t1, t);
                if (t0 > t1) return false;
            }
        }
        return true;
    }

    private static MapRoadClass mapClass(RoadClass roadClass) {
        return switch (roadClass) {
            case MOTORWAY, TRUNK -> MapRoadClass.MOTORWAY;
            case PRIMARY -> MapRoadClass.PRIMARY;
            case SECONDARY -> MapRoadClass.SECONDARY;
            case TERTIARY -> MapRoadClass.TERTIARY;
            case RESIDENTIAL, LIVING_STREET, UNCLASSIFIED, ROAD -> MapRoadClass.RESIDENTIAL;
            default -> MapRoadClass.OTHER;
        };
    }
}
