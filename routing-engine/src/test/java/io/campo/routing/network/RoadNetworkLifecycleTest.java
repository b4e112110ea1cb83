package io.campo.routing.network;

import io.campo.routing.TestCities;
import io.campo.routing.api.DemoCity;
import io.campo.routing.api.RoadNetworkConfig;
import io.campo.routing.api.RoadNetworkException;
import io.campo.routing.api.TravelProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Import, graph cache and bad OSM input. */
class RoadNetworkLifecycleTest {

    private static final Set<TravelProfile> CAR = EnumSet.of(TravelProfile.CAR);

    @TempDir
    Path folder;

    @Test
    void secondStartLoadsTheCachedGraphInsteadOfImportingAgain() throws IOException {
        DemoCity city = TestCities.smallCity(folder);
        Path graphFolder;
        Map<Path, FileTime> filesAfterImport;
        try (RoadNetwork first = TestCities.startedNetwork(city, folder, CAR)) {
            graphFolder = first.graphFolder();
            filesAfterImport = modificationTimes(graphFolder);
        }

        try (RoadNetwork second = TestCities.startedNetwork(city, folder, CAR)) {
            assertEquals(graphFolder, second.graphFolder());
            assertEquals(filesAfterImport, modificationTimes(graphFolder), "loading must not rewrite the graph");
            assertEquals(1, second.snap(TestCities.randomVisits(city, 1, 1), TravelProfile.CAR, 500).size());
        }
        assertEquals(List.of(graphFolder), children(folder.resolve("graph-cache")), "no staging folders left behind");
    }

    @Test
    void aChangedOsmFileOrProfileSetGetsItsOwnGraph() throws IOException {
        DemoCity city = TestCities.smallCity(folder);
        Path carGraph;
        try (RoadNetwork network = TestCities.startedNetwork(city, folder, CAR)) {
            carGraph = network.graphFolder();
        }
        try (RoadNetwork network = TestCities.startedNetwork(city, folder, EnumSet.of(TravelProfile.FOOT))) {
            assertNotEquals(carGraph, network.graphFolder());
        }
        Files.setLastModifiedTime(city.osmFile(), FileTime.fromMillis(Files.getLastModifiedTime(city.osmFile()).toMillis() + 60_000));
        try (RoadNetwork network = TestCities.startedNetwork(city, folder, CAR)) {
            assertNotEquals(carGraph, network.graphFolder(), "a replaced extract must not load the old graph");
        }
    }

    @Test
    void aCorruptCacheIsRebuilt() throws IOException {
        DemoCity city = TestCities.smallCity(folder);
        Path graphFolder;
        try (RoadNetwork network = TestCities.startedNetwork(city, folder, CAR)) {
            graphFolder = network.graphFolder();
        }
        try (Stream<Path> files = Files.list(graphFolder)) {
            for (Path file : files.toList()) Files.write(file, new byte[]{1, 2, 3});
        }

        try (RoadNetwork network = TestCities.startedNetwork(city, folder, CAR)) {
            assertEquals(1, network.snap(TestCities.randomVisits(city, 1, 1), TravelProfile.CAR, 500).size());
        }
    }

    @Test
    void missingOsmFile() {
        RoadNetworkException e = assertThrows(RoadNetworkException.class, () -> start(folder.resolve("lima.osm.pbf")));
        assertTrue(e.getMessage().contains("lima.osm.pbf does not exist"), e.getMessage());
    }

    @Test
    void emptyOsmFile() throws IOException {
        Path empty = Files.createFile(folder.resolve("empty.osm"));
        RoadNetworkException e = assertThrows(RoadNetworkException.class, () -> start(empty));
        assertTrue(e.getMessage().contains("empty.osm is empty (0 bytes)"), e.getMessage());
    }

    @Test
    void malformedOsmFile() throws IOException {
        Path truncated = Files.writeString(folder.resolve("truncated.osm"),
                "<?xml version='1.0'?>\n<osm version='0.6'>\n<node id='1' lat='19.43' lon=");
        RoadNetworkException e = assertThrows(RoadNetworkException.class, () -> start(truncated));
        assertTrue(e.getMessage().startsWith("could not import OSM file "), e.getMessage());
        assertTrue(e.getMessage().contains("truncated.osm"), e.getMessage());
        assertEquals(List.of(), children(folder.resolve("graph-cache")), "a failed import leaves nothing behind");
    }

    @Test
    void fileThatIsNotOsmAtAll() throws IOException {
        Path notOsm = Files.writeString(folder.resolve("visits.osm"), "id,lat,lon\n1,19.43,-99.13\n");
        RoadNetworkException e = assertThrows(RoadNetworkException.class, () -> start(notOsm));
        assertTrue(e.getMessage().startsWith("could not import OSM file "), e.getMessage());
    }

    @Test
    void osmFileWithoutRoads() throws IOException {
        Path riverOnly = Files.writeString(folder.resolve("river.osm"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <osm version="0.6">
                  <node id="1" lat="19.43" lon="-99.14"/>
                  <node id="2" lat="19.43" lon="-99.13"/>
                  <way id="1"><nd ref="1"/><nd ref="2"/><tag k="waterway" v="river"/></way>
                </osm>
                """);
        RoadNetworkException e = assertThrows(RoadNetworkException.class, () -> start(riverOnly));
        assertTrue(e.getMessage().contains("contains no roads"), e.getMessage());
    }

    @Test
    void queriesBeforeStartAreRejected() {
        RoadNetwork network = new RoadNetwork(RoadNetworkConfig.allProfiles(folder.resolve("x.osm"), folder));
        assertThrows(IllegalStateException.class, () -> network.snap(List.of(), TravelProfile.CAR, 10));
        network.close();
    }

    private void start(Path osmFile) {
        RoadNetworkConfig config = new RoadNetworkConfig(osmFile, folder.resolve("graph-cache"), CAR,
                RoadNetworkConfig.DEFAULT_MIN_NETWORK_SIZE);
        try (RoadNetwork network = new RoadNetwork(config)) {
            network.start();
        }
    }

    private static Map<Path, FileTime> modificationTimes(Path dir) throws IOException {
        Map<Path, FileTime> times = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) times.put(file.getFileName(), Files.getLastModifiedTime(file));
        }
        return times;
    }

    private static List<Path> children(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }
}
