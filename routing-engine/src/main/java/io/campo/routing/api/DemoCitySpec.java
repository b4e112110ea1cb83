package io.campo.routing.api;

/**
 * What synthetic city to generate: where it lies, how big it is, and the seed that makes it
 * reproducible. Sizes are in metres; the centre is in WGS84 degrees.
 *
 * <p>Immutable and thread-safe.
 *
 * @param centerLatitude  latitude of the city centre, degrees
 * @param centerLongitude longitude of the city centre, degrees
 * @param widthMeters     east-west extent, metres (at least 500)
 * @param heightMeters    north-south extent, metres (at least 500)
 * @param seed            same seed and size give byte-identical OSM output
 */
public record DemoCitySpec(double centerLatitude, double centerLongitude,
                           double widthMeters, double heightMeters, long seed) {

    /** Centre of the default demo city: Mexico City's historic centre, where the telemetry examples live. */
    public static final double MEXICO_CITY_LATITUDE = 19.4326;
    public static final double MEXICO_CITY_LONGITUDE = -99.1332;

    /** Below this a city has too few blocks for arterials, one-way streets and a river to coexist. */
    static final double MIN_SIZE_METERS = 500;

    public DemoCitySpec {
        if (!(centerLatitude >= -80 && centerLatitude <= 80))
            throw new IllegalArgumentException("centerLatitude must be within [-80, 80], was " + centerLatitude);
        if (!(centerLongitude >= -180 && centerLongitude <= 180))
            throw new IllegalArgumentException("centerLongitude must be within [-180, 180], was " + centerLongitude);
        if (!(widthMeters >= MIN_SIZE_METERS) || !(heightMeters >= MIN_SIZE_METERS))
            throw new IllegalArgumentException("a demo city must be at least " + MIN_SIZE_METERS
                    + " m on each side, was " + widthMeters + " x " + heightMeters + " m");
        if (widthMeters > 50_000 || heightMeters > 50_000)
            throw new IllegalArgumentException("a demo city is at most 50 km on each side, was "
                    + widthMeters + " x " + heightMeters + " m; use a real OSM extract for larger areas");
    }

    /** The full demo city: 8 x 8 km around Mexico City's centre (about 5,500 intersections). */
    public static DemoCitySpec mexicoCity(long seed) {
        return new DemoCitySpec(MEXICO_CITY_LATITUDE, MEXICO_CITY_LONGITUDE, 8_000, 8_000, seed);
    }

    /** A 2 x 2 km city for fast tests: still has arterials, one-way streets, a river and a bridge. */
    public static DemoCitySpec small(long seed) {
        return new DemoCitySpec(MEXICO_CITY_LATITUDE, MEXICO_CITY_LONGITUDE, 2_000, 2_000, seed);
    }

    /** The same city placement and seed with another size. */
    public DemoCitySpec withSize(double newWidthMeters, double newHeightMeters) {
        return new DemoCitySpec(centerLatitude, centerLongitude, newWidthMeters, newHeightMeters, seed);
    }
}
