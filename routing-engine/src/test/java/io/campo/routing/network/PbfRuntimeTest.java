package io.campo.routing.network;

import org.junit.jupiter.api.Test;
import org.openstreetmap.osmosis.osmbinary.Fileformat;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Real extracts come as {@code .osm.pbf}, read by osmosis-osm-binary's generated protobuf classes. They run only on a
 * protobuf 3 runtime, and OR-Tools brings a protobuf of its own (the parent pom pins the one both work with): on protobuf
 * 4 this fails with a NoSuchMethodError, as every import of a {@code .pbf} would.
 */
class PbfRuntimeTest {

    @Test
    void thePbfReadersGeneratedClassesParseOnTheProtobufOnTheClasspath() throws Exception {
        byte[] header = Fileformat.BlobHeader.newBuilder().setType("OSMHeader").setDatasize(42).build().toByteArray();

        Fileformat.BlobHeader parsed = Fileformat.BlobHeader.parseFrom(header);

        assertEquals("OSMHeader", parsed.getType());
        assertEquals(42, parsed.getDatasize());
    }
}
