package io.campo.routing.democity;

import io.campo.routing.api.DemoCity;
import io.campo.routing.api.DemoCitySpec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;

/**
 * Writes a synthetic but plausible Latin-American city as OSM XML, so that the demo and the
 * tests have a road network without downloading one.
 *
 * <p>The city is a slightly irregular grid of residential blocks (about 110 m) with faster
 * arterials every ~900 m ({@code highway=primary} at 60 km/h, {@code secondary} at 50 km/h),
 * alternating one-way residential streets every fourth line, and a meandering river that no
 * street crosses except a few road bridges and one footbridge, so that shortest routes bend
 * around it. Streets are named in the Mexico City style ("Oriente 12", "Eje 2 Sur").
 *
 * <p>The output depends only on the {@link DemoCitySpec}: same spec, byte-identical file.
 *
 * <p>Stateless and thread-safe.
 */
public final class DemoCityGenerator {

    private static final double EARTH_RADIUS_METERS = 6_371_000;
    private static final double BLOCK_METERS = 110;
    private static final double JITTER_METERS = 10;
    /** Every eighth street is an arterial, every sixteenth a primary one, offset so none runs along the border. */
    private static final int ARTERIAL_EVERY = 8;
    private static final int ARTERIAL_OFFSET = 4;
    /** Half the river plus its banks: no road node lies closer than this to the river's centre line. */
    private static final double RIVER_CLEARANCE_METERS = 70;
    /** One road bridge per this much city width (at least one). */
    private static final double METERS_PER_BRIDGE = 2_700;

    private static final String[] AVENUES = {"Insurgentes", "Reforma", "Juárez", "Hidalgo", "Morelos",
            "Zaragoza", "Revolución", "Chapultepec", "Universidad", "Tlalpan", "Madero", "Bolívar"};

    /** Generates the city described by {@code spec} into {@code osmFile} (gzip-compressed if it ends in .gz). */
    public DemoCity generate(DemoCitySpec spec, Path osmFile) {
        try {
            return new Layout(spec).write(osmFile);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write demo city to " + osmFile, e);
        }
    }

    /** The city in local metres (x east, y north from the south-west corner), built once, then written. */
    private static final class Layout {
        private final DemoCitySpec spec;
        private final int columns;
        private final int rows;
        private final double[] x;
        private final double[] y;
        private final boolean[] present;
        private final double riverBaseY;
        private final double riverAmplitude;
        private final double riverWavelength;
        private final double riverPhase;

        private final List<long[]> wayNodes = new ArrayList<>();
        private final List<Map<String, String>> wayTags = new ArrayList<>();
        private final List<double[]> extraNodes = new ArrayList<>();
        private int oneWayWays;
        private int roadBridges;
        private int footBridges;

        Layout(DemoCitySpec spec) {
            this.spec = spec;
            Random random = new Random(spec.seed());
            columns = Math.max(4, (int) Math.round(spec.widthMeters() / BLOCK_METERS));
            rows = Math.max(4, (int) Math.round(spec.heightMeters() / BLOCK_METERS));
            double dx = spec.widthMeters() / columns;
            double dy = spec.heightMeters() / rows;

            riverPhase = random.nextDouble() * 2 * Math.PI;
            riverWavelength = 2_500 + random.nextDouble() * 1_500;
            riverAmplitude = Math.min(350, 0.12 * spec.heightMeters());
            riverBaseY = spec.heightMeters() * (0.4 + 0.2 * random.nextDouble());

            int nodes = (columns + 1) * (rows + 1);
            x = new double[nodes];
            y = new double[nodes];
            present = new boolean[nodes];
            for (int j = 0; j <= rows; j++) {
                for (int i = 0; i <= columns; i++) {
                    int n = index(i, j);
                    // jitter keeps blocks from being perfectly equal, which also breaks exact ties between routes
                    x[n] = clamp(i * dx + (random.nextDouble() * 2 - 1) * JITTER_METERS, spec.widthMeters());
                    y[n] = clamp(j * dy + (random.nextDouble() * 2 - 1) * JITTER_METERS, spec.heightMeters());
                    present[n] = Math.abs(riverSide(n)) >= RIVER_CLEARANCE_METERS;
                }
            }
            addStreets(true);
            addStreets(false);
            addBridges();
        }

        private int index(int i, int j) {
            return j * (columns + 1) + i;
        }

        private static double clamp(double value, double max) {
            return Math.max(0, Math.min(max, value));
        }

        private double riverY(double atX) {
            return riverBaseY + riverAmplitude * Math.sin(2 * Math.PI * atX / riverWavelength + riverPhase);
        }

        /** Positive north of the river, negative south of it, in metres. */
        private double riverSide(int n) {
            return y[n] - riverY(x[n]);
        }

        private boolean connected(int a, int b) {
            return present[a] && present[b] && Math.signum(riverSide(a)) == Math.signum(riverSide(b));
        }

        /** Streets along rows (east-west) or columns (north-south), split wherever the river cuts them. */
        private void addStreets(boolean alongRows) {
            int lines = alongRows ? rows : columns;
            int length = alongRows ? columns : rows;
            for (int line = 0; line <= lines; line++) {
                List<Long> run = new ArrayList<>();
                for (int k = 0; k < length; k++) {
                    int a = alongRows ? index(k, line) : index(line, k);
                    int b = alongRows ? index(k + 1, line) : index(line, k + 1);
                    if (connected(a, b)) {
                        if (run.isEmpty()) run.add(osmId(a));
                        run.add(osmId(b));
                    } else {
                        addStreet(run, line, alongRows);
                        run = new ArrayList<>();
                    }
                }
                addStreet(run, line, alongRows);
            }
        }

        private void addStreet(List<Long> run, int line, boolean alongRow) {
            if (run.size() < 2) return;
            Map<String, String> tags = streetTags(line, alongRow);
            long[] refs = run.stream().mapToLong(Long::longValue).toArray();
            if ("yes".equals(tags.get("oneway"))) {
                oneWayWays++;
                // alternate directions street by street, as in a real one-way grid, so every block stays reachable
                if ((line / 4) % 2 == 1) reverse(refs);
            }
            wayNodes.add(refs);
            wayTags.add(tags);
        }

        private Map<String, String> streetTags(int line, boolean alongRow) {
            Map<String, String> tags = new LinkedHashMap<>();
            if (line % ARTERIAL_EVERY == ARTERIAL_OFFSET) {
                boolean primary = line % (2 * ARTERIAL_EVERY) == ARTERIAL_OFFSET;
                tags.put("highway", primary ? "primary" : "secondary");
                tags.put("maxspeed", primary ? "60" : "50");
                tags.put("lanes", primary ? "4" : "2");
                tags.put("name", alongRow
                        ? "Eje " + (line / ARTERIAL_EVERY + 1) + " Sur"
                        : "Avenida " + AVENUES[(line / ARTERIAL_EVERY) % AVENUES.length]);
            } else {
                tags.put("highway", "residential");
                tags.put("name", (alongRow ? "Oriente " : "Norte ") + line);
                if (line % 4 == 2) tags.put("oneway", "yes");
            }
            tags.put("surface", "asphalt");
            return tags;
        }

        private void addBridges() {
            List<Integer> arterialColumns = new ArrayList<>();
            for (int i = ARTERIAL_OFFSET; i < columns; i += ARTERIAL_EVERY) arterialColumns.add(i);
            if (arterialColumns.isEmpty()) arterialColumns.add(columns / 2);
            int bridges = Math.min(arterialColumns.size(),
                    Math.max(1, (int) Math.round(spec.widthMeters() / METERS_PER_BRIDGE)));
            int firstBridgeColumn = -1;
            for (int k = 0; k < bridges; k++) {
                int column = arterialColumns.get((int) ((k + 0.5) * arterialColumns.size() / bridges));
                if (firstBridgeColumn < 0) firstBridgeColumn = column;
                Map<String, String> tags = streetTags(column, false);
                tags.put("name", "Puente " + tags.get("name").replace("Avenida ", ""));
                if (addBridge(column, tags)) roadBridges++;
            }
            // a footbridge makes walking routes differ from driving ones, as pedestrian crossings do in real cities
            int footColumn = firstBridgeColumn >= 3 ? firstBridgeColumn - 3 : firstBridgeColumn + 3;
            Map<String, String> tags = new LinkedHashMap<>();
            tags.put("highway", "footway");
            tags.put("name", "Puente peatonal " + footColumn);
            if (footColumn > 0 && footColumn < columns && addBridge(footColumn, tags)) footBridges++;
        }

        /** Spans the river along a column, from the last node south of it to the first node north of it. */
        private boolean addBridge(int column, Map<String, String> tags) {
            int south = -1;
            int north = -1;
            for (int j = 0; j <= rows; j++) {
                int n = index(column, j);
                if (!present[n]) continue;
                if (riverSide(n) < 0) south = j;
                else if (north < 0) north = j;
            }
            if (south < 0 || north < 0 || north < south) return false;
            List<Long> refs = new ArrayList<>();
            refs.add(osmId(index(column, south)));
            // deck nodes are not shared with the streets below the bridge, so the bridge meets no street mid-span
            for (int j = south + 1; j < north; j++) {
                int n = index(column, j);
                extraNodes.add(new double[]{x[n], y[n]});
                refs.add(deckNodeId(extraNodes.size() - 1));
            }
            refs.add(osmId(index(column, north)));
            tags.put("bridge", "yes");
            tags.put("layer", "1");
            wayNodes.add(refs.stream().mapToLong(Long::longValue).toArray());
            wayTags.add(tags);
            return true;
        }

        private static long osmId(int gridIndex) {
            return gridIndex + 1L;
        }

        private long deckNodeId(int deckIndex) {
            return (long) (columns + 1) * (rows + 1) + 1 + deckIndex;
        }

        private static void reverse(long[] refs) {
            for (int a = 0, b = refs.length - 1; a < b; a++, b--) {
                long t = refs[a];
                refs[a] = refs[b];
                refs[b] = t;
            }
        }

        private double latitude(double yMeters) {
            return spec.centerLatitude() + Math.toDegrees((yMeters - spec.heightMeters() / 2) / EARTH_RADIUS_METERS);
        }

        private double longitude(double xMeters) {
            double metersPerRadian = EARTH_RADIUS_METERS * Math.cos(Math.toRadians(spec.centerLatitude()));
            return spec.centerLongitude() + Math.toDegrees((xMeters - spec.widthMeters() / 2) / metersPerRadian);
        }

        DemoCity write(Path osmFile) throws IOException {
            double south = latitude(0);
            double north = latitude(spec.heightMeters());
            double west = longitude(0);
            double east = longitude(spec.widthMeters());
            TreeSet<Long> roadNodeIds = new TreeSet<>();
            for (long[] refs : wayNodes)
                for (long ref : refs) roadNodeIds.add(ref);

            long firstRiverNodeId = deckNodeId(extraNodes.size());
            List<Long> riverRefs = new ArrayList<>();
            try (OsmXmlWriter out = new OsmXmlWriter(osmFile, "campo-demo-city seed=" + spec.seed(),
                    south, west, north, east)) {
                long gridNodes = (long) (columns + 1) * (rows + 1);
                for (long id : roadNodeIds) {
                    if (id > gridNodes) continue;
                    int n = (int) (id - 1);
                    out.node(id, latitude(y[n]), longitude(x[n]));
                }
                for (int d = 0; d < extraNodes.size(); d++)
                    out.node(deckNodeId(d), latitude(extraNodes.get(d)[1]), longitude(extraNodes.get(d)[0]));
                double step = 50;
                for (int k = 0; k * step <= spec.widthMeters(); k++) {
                    long id = firstRiverNodeId + k;
                    out.node(id, latitude(riverY(k * step)), longitude(k * step));
                    riverRefs.add(id);
                }

                long wayId = 1;
                for (int w = 0; w < wayNodes.size(); w++)
                    out.way(wayId++, wayNodes.get(w), wayTags.get(w));
                Map<String, String> river = new LinkedHashMap<>();
                river.put("waterway", "river");
                river.put("name", "Río de la Piedad");
                out.way(wayId, riverRefs.stream().mapToLong(Long::longValue).toArray(), river);
            }
            return new DemoCity(osmFile, south, west, north, east, roadNodeIds.size(), wayNodes.size(),
                    oneWayWays, roadBridges, footBridges);
        }
    }
}
