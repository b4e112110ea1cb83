package io.campo.routing.democity;

import io.campo.routing.api.DemoCity;
import io.campo.routing.api.DemoCitySpec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DemoCityGeneratorTest {

    private final DemoCityGenerator generator = new DemoCityGenerator();

    @TempDir
    Path folder;

    @Test
    void sameSeedWritesIdenticalFilesAndAnotherSeedAnotherCity() throws Exception {
        generator.generate(DemoCitySpec.small(1), folder.resolve("a.osm"));
        generator.generate(DemoCitySpec.small(1), folder.resolve("b.osm"));
        generator.generate(DemoCitySpec.small(2), folder.resolve("c.osm"));

        assertEquals(-1, Files.mismatch(folder.resolve("a.osm"), folder.resolve("b.osm")));
        assertNotEquals(-1, Files.mismatch(folder.resolve("a.osm"), folder.resolve("c.osm")));
    }

    @Test
    void gzipOutputHoldsTheSameDocument() throws Exception {
        generator.generate(DemoCitySpec.small(3), folder.resolve("plain.osm"));
        generator.generate(DemoCitySpec.small(3), folder.resolve("packed.osm.gz"));

        try (InputStream in = new GZIPInputStream(Files.newInputStream(folder.resolve("packed.osm.gz")))) {
            assertArrayEquals(Files.readAllBytes(folder.resolve("plain.osm")), in.readAllBytes());
        }
    }

    @Test
    void boundsMatchTheRequestedSize() {
        DemoCity city = generator.generate(DemoCitySpec.small(4), folder.resolve("city.osm"));

        double metersPerDegreeLat = 6_371_000 * Math.PI / 180;
        double metersPerDegreeLon = metersPerDegreeLat * Math.cos(Math.toRadians(DemoCitySpec.MEXICO_CITY_LATITUDE));
        assertEquals(2_000, (city.north() - city.south()) * metersPerDegreeLat, 1);
        assertEquals(2_000, (city.east() - city.west()) * metersPerDegreeLon, 1);
        assertTrue(city.south() < DemoCitySpec.MEXICO_CITY_LATITUDE && DemoCitySpec.MEXICO_CITY_LATITUDE < city.north());
    }

    @Test
    void cityHasArterialsOneWayStreetsAndBridgesAndNoStreetCrossesTheRiver() throws Exception {
        DemoCity city = generator.generate(DemoCitySpec.small(5), folder.resolve("city.osm"));
        Document osm = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(city.osmFile().toFile());

        Map<String, Coordinate> nodes = new HashMap<>();
        NodeList nodeElements = osm.getElementsByTagName("node");
        for (int i = 0; i < nodeElements.getLength(); i++) {
            Element node = (Element) nodeElements.item(i);
            nodes.put(node.getAttribute("id"), new Coordinate(Double.parseDouble(node.getAttribute("lon")),
                    Double.parseDouble(node.getAttribute("lat"))));
        }
        GeometryFactory geometry = new GeometryFactory();
        LineString river = null;
        List<LineString> streets = new ArrayList<>();
        Map<String, Integer> highwayCounts = new HashMap<>();
        int oneWays = 0;
        int bridges = 0;
        NodeList ways = osm.getElementsByTagName("way");
        for (int w = 0; w < ways.getLength(); w++) {
            Element way = (Element) ways.item(w);
            Map<String, String> tags = tags(way);
            NodeList refs = way.getElementsByTagName("nd");
            Coordinate[] line = new Coordinate[refs.getLength()];
            for (int r = 0; r < refs.getLength(); r++) {
                line[r] = nodes.get(((Element) refs.item(r)).getAttribute("ref"));
                assertTrue(line[r] != null, "way " + way.getAttribute("id") + " refers to a missing node");
            }
            if ("river".equals(tags.get("waterway"))) {
                river = geometry.createLineString(line);
                continue;
            }
            String highway = tags.get("highway");
            highwayCounts.merge(highway, 1, Integer::sum);
            if ("yes".equals(tags.get("oneway"))) oneWays++;
            if ("yes".equals(tags.get("bridge"))) bridges++;
            else streets.add(geometry.createLineString(line));
            if ("primary".equals(highway)) assertEquals("60", tags.get("maxspeed"));
            if ("secondary".equals(highway)) assertEquals("50", tags.get("maxspeed"));
            assertFalse(tags.getOrDefault("name", "").isBlank(), "every street has a name");
        }

        assertTrue(highwayCounts.getOrDefault("residential", 0) > 20, "residential grid: " + highwayCounts);
        assertTrue(highwayCounts.containsKey("primary") && highwayCounts.containsKey("secondary"), "arterials: " + highwayCounts);
        assertEquals(1, highwayCounts.get("footway"), "one footbridge");
        assertTrue(oneWays > 5, "one-way streets: " + oneWays);
        assertEquals(city.oneWayWays(), oneWays);
        assertEquals(city.roadBridges() + city.footBridges(), bridges);
        assertTrue(city.roadBridges() >= 1);
        assertTrue(river != null, "the city has a river");
        for (LineString street : streets)
            assertFalse(street.intersects(river), "only bridges cross the river, but " + street + " does");
    }

    @Test
    void fullSizeCityHasSeveralBridges() {
        DemoCity city = generator.generate(DemoCitySpec.mexicoCity(6), folder.resolve("full.osm"));

        assertTrue(city.roadBridges() >= 3, "bridges: " + city.roadBridges());
        assertTrue(city.roadNodes() > 4_000, "intersections: " + city.roadNodes());
    }

    @Test
    void rejectsImplausibleSizes() {
        assertThrows(IllegalArgumentException.class, () -> DemoCitySpec.small(1).withSize(100, 2_000));
        assertThrows(IllegalArgumentException.class, () -> DemoCitySpec.small(1).withSize(2_000, 80_000));
    }

    private static Map<String, String> tags(Element way) {
        Map<String, String> tags = new HashMap<>();
        NodeList tagElements = way.getElementsByTagName("tag");
        for (int t = 0; t < tagElements.getLength(); t++) {
            Element tag = (Element) tagElements.item(t);
            tags.put(tag.getAttribute("k"), tag.getAttribute("v"));
        }
        return tags;
    }
}
