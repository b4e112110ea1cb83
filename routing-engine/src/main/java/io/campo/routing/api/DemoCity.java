package io.campo.routing.api;

import java.nio.file.Path;
import java.util.Random;

/**
 * A generated demo city: the OSM file written and what it contains. Bounds are WGS84 degrees.
 *
 * <p>Immutable and thread-safe.
 *
 * @param osmFile        the OSM XML file (gzip-compressed when its name ends in {@code .gz})
 * @param south          southern bound, degrees latitude
 * @param west           western bound, degrees longitude
 * @param north          northern bound, degrees latitude
 * @param east           eastern bound, degrees longitude
 * @param roadNodes      OSM nodes that belong to roads (intersections and bridge decks)
 * @param roadWays       OSM ways tagged {@code highway=*}
 * @param oneWayWays     of those, ways tagged {@code oneway=yes}
 * @param roadBridges    bridges that cars can cross
 * @param footBridges    bridges only pedestrians can cross
 */
public record DemoCity(Path osmFile, double south, double west, double north, double east,
                       int roadNodes, int roadWays, int oneWayWays, int roadBridges, int footBridges) {

    /**
     * A uniformly random coordinate inside the city's bounds, as {@code {latitude, longitude}}.
     * Some fall in the river or between blocks; snapping moves them to the nearest road.
     */
    public double[] randomCoordinate(Random random) {
        double latitude = south + random.nextDouble() * (north - south);
        double longitude = west + random.nextDouble() * (east - west);
        return new double[]{latitude, longitude};
    }
}
