package io.campo.routing.network;

import io.campo.routing.api.RoadNetworkConfig;
import io.campo.routing.api.RoadNetworkException;
import io.campo.routing.api.SnapFailure;
import io.campo.routing.api.SnapOutcome;
import io.campo.routing.api.SnappedPoint;
import io.campo.routing.api.TravelProfile;
import io.campo.routing.api.UnknownProfileException;
import io.campo.routing.api.Waypoint;

import com.graphhopper.GraphHopper;
import com.graphhopper.config.CHProfile;
import com.graphhopper.config.Profile;
import com.graphhopper.routing.ev.Subnetwork;
import com.graphhopper.storage.index.Snap;
import com.graphhopper.util.DistanceCalcEarth;
import com.graphhopper.util.GHUtility;
import com.graphhopper.util.shapes.BBox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The road network of one OSM extract, loaded into GraphHopper with a contraction hierarchy
 * per {@link TravelProfile}: the engine's one heavy resource, with a lifecycle.
 *
 * <p>{@link #start()} loads the graph from the cache folder when this exact input was built
 * before (seconds), or imports the OSM file and prepares the hierarchies first (the demo city
 * takes a few seconds; a large city extract minutes). Imports are written to a temporary folder
 * and renamed into place when complete, so a crash mid-import never leaves a half-built graph
 * that a later start would load. {@link #close()} releases the graph's memory.
 *
 * <p>Thread-safe after {@link #start()} returns: snapping and the {@link ProfileGraph}s may be
 * used from any number of threads. {@code start} and {@code close} must not race with each other
 * or with queries.
 */
public final class RoadNetwork implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RoadNetwork.class);

    private final RoadNetworkConfig config;
    // volatile: start() publishes them to the query threads
    private volatile GraphHopper hopper;
    private volatile Map<TravelProfile, ProfileGraph> graphs = Map.of();
    private volatile Path graphFolder;

    public RoadNetwork(RoadNetworkConfig config) {
        this.config = config;
    }

    /**
     * Loads the cached graph or imports the OSM file.
     *
     * @throws RoadNetworkException when the OSM file is missing, empty, malformed or has no roads,
     *                              or the cache directory cannot be written
     */
    public synchronized void start() {
        if (hopper != null) throw new IllegalStateException("road network already started");
        Path osmFile = checkedOsmFile();
        List<Profile> profiles = graphHopperProfiles();
        String encodedValues = encodedValues();
        try {
            Files.createDirectories(config.cacheDirectory());
            graphFolder = config.cacheDirectory().resolve(
                    GraphCacheKey.folderName(osmFile, profiles, encodedValues, config.minNetworkSize()));
        } catch (IOException e) {
            throw new RoadNetworkException("cannot use graph cache directory " + config.cacheDirectory()
                    + ": " + e + ". Point the cache at a writable directory.", e);
        }

        GraphHopper loaded = loadCached(profiles, encodedValues);
        if (loaded == null) {
            importInto(osmFile, profiles, encodedValues);
            loaded = loadCached(profiles, encodedValues);
            if (loaded == null)
                throw new RoadNetworkException("graph imported from " + osmFile + " into " + graphFolder
                        + " could not be loaded back; delete that folder and start again");
        }
        hopper = loaded;
        graphs = profileGraphs(loaded);
    }

    /** Releases the graph. Safe to call more than once, and before {@link #start()}. */
    @Override
    public synchronized void close() {
        if (hopper != null) {
            hopper.close();
            hopper = null;
            graphs = Map.of();
        }
    }

    /** The profiles this network was built with. */
    public Set<TravelProfile> profiles() {
        return config.profiles();
    }

    /** The folder holding the built graph (valid after {@link #start()}); useful in logs and tests. */
    public Path graphFolder() {
        return graphFolder;
    }

    /**
     * Places each waypoint on the nearest road usable by {@code profile}. Never throws for a bad
     * point: each gets a {@link SnapFailure} naming it and the distance.
     *
     * @param maxSnapDistanceMeters points farther than this from a usable road fail with
     *                              {@link SnapFailure.Reason#TOO_FAR_FROM_ROAD}
     * @return one outcome per waypoint, in order
     * @throws UnknownProfileException when this network was not built with {@code profile}
     */
    public List<SnapOutcome> snap(List<Waypoint> points, TravelProfile profile, double maxSnapDistanceMeters) {
        if (!(maxSnapDistanceMeters >= 0))
            throw new IllegalArgumentException("maxSnapDistanceMeters must be >= 0, was " + maxSnapDistanceMeters);
        ProfileGraph graph = profileGraph(profile);
        List<SnapOutcome> outcomes = new ArrayList<>(points.size());
        for (Waypoint point : points)
            outcomes.add(snapOne(graph, point, maxSnapDistanceMeters));
        return outcomes;
    }

    /**
     * GraphHopper's view of one profile, for the engine's own algorithms.
     *
     * @throws UnknownProfileException when this network was not built with {@code profile}
     */
    public ProfileGraph profileGraph(TravelProfile profile) {
        ProfileGraph graph = graphs.get(profile);
        if (graph != null) return graph;
        if (hopper == null) throw new IllegalStateException("road network not started; call start() first");
        throw new UnknownProfileException("travel profile '" + profile.profileName() + "' is not loaded; this road network"
                + " was built with " + config.profiles().stream().map(TravelProfile::profileName)
                .collect(Collectors.joining(", ")) + " (see RoadNetworkConfig.profiles)");
    }

    /** The GraphHopper instance, for route queries inside the engine and in tests. */
    public GraphHopper graphHopper() {
        if (hopper == null) throw new IllegalStateException("road network not started; call start() first");
        return hopper;
    }

    private SnapOutcome snapOne(ProfileGraph graph, Waypoint point, double maxSnapDistanceMeters) {
        if (!point.hasValidCoordinates()) return SnapFailure.invalidCoordinates(point);
        Snap snap = graph.locate(point.latitude(), point.longitude());
        if (!snap.isValid())
            return SnapFailure.outsideMap(point, graph.profile(), distanceToMap(point));
        if (snap.getQueryDistance() > maxSnapDistanceMeters)
            return SnapFailure.tooFar(point, graph.profile(), snap.getQueryDistance(), maxSnapDistanceMeters);
        return new SnappedPoint(point, graph.profile(), snap.getSnappedPoint().getLat(), snap.getSnappedPoint().getLon(),
                snap.getQueryDistance());
    }

    /** Metres from the point to the nearest edge of the map's bounding box; 0 inside it. */
    private double distanceToMap(Waypoint point) {
        BBox bounds = hopper.getBaseGraph().getBounds();
        double nearestLat = Math.max(bounds.minLat, Math.min(bounds.maxLat, point.latitude()));
        double nearestLon = Math.max(bounds.minLon, Math.min(bounds.maxLon, point.longitude()));
        return DistanceCalcEarth.DIST_EARTH.calcDist(
                point.latitude(), point.longitude(), nearestLat, nearestLon);
    }

    private Path checkedOsmFile() {
        Path osmFile = config.osmFile();
        String hint = " Pass an OSM extract (.osm, .osm.gz or .osm.pbf); routing-engine/README.md explains how to cut one.";
        if (!Files.exists(osmFile))
            throw new RoadNetworkException("OSM file " + osmFile.toAbsolutePath() + " does not exist." + hint);
        if (!Files.isRegularFile(osmFile) || !Files.isReadable(osmFile))
            throw new RoadNetworkException("OSM file " + osmFile.toAbsolutePath() + " is not a readable file." + hint);
        try {
            if (Files.size(osmFile) == 0)
                throw new RoadNetworkException("OSM file " + osmFile.toAbsolutePath() + " is empty (0 bytes);"
                        + " the download or extract was probably interrupted." + hint);
        } catch (IOException e) {
            throw new RoadNetworkException("cannot read OSM file " + osmFile.toAbsolutePath() + ": " + e + hint, e);
        }
        return osmFile;
    }

    private List<Profile> graphHopperProfiles() {
        List<Profile> profiles = new ArrayList<>();
        for (TravelProfile profile : config.profiles())
            profiles.add(new Profile(profile.profileName())
                    .setCustomModel(GHUtility.loadCustomModelFromJar(ProfileModels.customModelFile(profile))));
        return profiles;
    }

    private String encodedValues() {
        Set<String> values = new TreeSet<>();
        config.profiles().forEach(p -> values.addAll(ProfileModels.encodedValues(p)));
        return String.join(", ", values);
    }

    private GraphHopper newGraphHopper(Path folder, List<Profile> profiles, String encodedValues) {
        GraphHopper gh = new GraphHopper();
        gh.setGraphHopperLocation(folder.toString());
        gh.setEncodedValuesString(encodedValues);
        gh.setProfiles(profiles);
        gh.setMinNetworkSize(config.minNetworkSize());
        gh.getCHPreparationHandler().setCHProfiles(
                profiles.stream().map(p -> new CHProfile(p.getName())).toList());
        return gh;
    }

    /** The graph from the cache folder, or null when there is none (or it is unreadable and was removed). */
    private GraphHopper loadCached(List<Profile> profiles, String encodedValues) {
        if (!Files.isDirectory(graphFolder)) return null;
        GraphHopper gh = newGraphHopper(graphFolder, profiles, encodedValues);
        try {
            if (gh.load()) {
                log.info("loaded road network {} from {}", config.osmFile().getFileName(), graphFolder);
                return gh;
            }
        } catch (RuntimeException e) {
            log.warn("graph cache {} is unreadable ({}); rebuilding it", graphFolder, e.toString());
        }
        gh.close();
        deleteRecursively(graphFolder);
        return null;
    }

    private void importInto(Path osmFile, List<Profile> profiles, String encodedValues) {
        Path staging = config.cacheDirectory().resolve(graphFolder.getFileName() + ".importing-" + UUID.randomUUID());
        long started = System.nanoTime();
        GraphHopper gh = newGraphHopper(staging, profiles, encodedValues);
        gh.setOSMFile(osmFile.toString());
        try {
            gh.importOrLoad();
            if (gh.getBaseGraph().getNodes() == 0) throw noRoads(osmFile, profiles);
            gh.close();
            publish(staging);
            log.info("imported road network {} in {} ms into {}", osmFile.getFileName(),
                    (System.nanoTime() - started) / 1_000_000, graphFolder);
        } catch (RoadNetworkException e) {
            gh.close();
            throw e;
        } catch (RuntimeException e) {
            gh.close();
            // GraphHopper's OSMReader reports a road-less file only through this message
            if (String.valueOf(e.getMessage()).contains("Graph after reading OSM must not be empty"))
                throw noRoads(osmFile, profiles);
            throw new RoadNetworkException("could not import OSM file " + osmFile.toAbsolutePath() + ": " + rootMessage(e)
                    + ". Check that it is a complete OSM extract (.osm XML, .osm.gz or .osm.pbf).", e);
        } finally {
            deleteRecursively(staging);
        }
    }

    private static RoadNetworkException noRoads(Path osmFile, List<Profile> profiles) {
        return new RoadNetworkException("OSM file " + osmFile.toAbsolutePath() + " contains no roads usable by "
                + profiles.stream().map(Profile::getName).collect(Collectors.joining(", "))
                + " (no ways tagged highway=*). Pass an extract that covers streets.");
    }

    /** Renames the finished import into place; if another process won the race, its graph is as good. */
    private void publish(Path staging) {
        try {
            Files.move(staging, graphFolder, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
            log.info("graph {} was built concurrently by another process; using that one", graphFolder);
        } catch (AtomicMoveNotSupportedException e) {
            throw new RoadNetworkException("cache directory " + config.cacheDirectory()
                    + " does not support atomic renames; put it on a local file system", e);
        } catch (IOException e) {
            if (Files.isDirectory(graphFolder)) return;
            throw new RoadNetworkException("could not move imported graph into " + graphFolder + ": " + e, e);
        }
    }

    private Map<TravelProfile, ProfileGraph> profileGraphs(GraphHopper gh) {
        Map<TravelProfile, ProfileGraph> result = new EnumMap<>(TravelProfile.class);
        for (TravelProfile profile : config.profiles()) {
            String name = profile.profileName();
            result.put(profile, new ProfileGraph(profile, gh.getBaseGraph(), gh.getCHGraphs().get(name),
                    gh.getLocationIndex(), gh.getEncodingManager().getBooleanEncodedValue(Subnetwork.key(name))));
        }
        return Map.copyOf(result);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        String text = root == e ? message : e.getMessage() + " (" + message + ")";
        // XML parsers put the position on a second line; keep the message one line for logs and HTTP errors
        return text.replaceAll("\\s+", " ").trim();
    }

    private static void deleteRecursively(Path folder) {
        if (!Files.exists(folder)) return;
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                try {
                    Files.deleteIfExists(path);
                } catch (NoSuchFileException ignored) {
                    // removed concurrently: the goal is reached
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + folder, e);
        }
    }
}
