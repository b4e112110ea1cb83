package io.campo.routing.democity;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Streams an OSM XML 0.6 document: nodes first, then ways, as OSM tools expect. Writes a
 * gzip-compressed file when the file name ends in {@code .gz}. Coordinates are written with 7
 * decimals (about 1 cm), the precision of the OSM database.
 *
 * <p>Not thread-safe: one writer per file.
 */
final class OsmXmlWriter implements Closeable {

    private final BufferedWriter out;

    OsmXmlWriter(Path file, String generator, double south, double west, double north, double east) throws IOException {
        OutputStream stream = Files.newOutputStream(file);
        if (file.getFileName().toString().endsWith(".gz"))
            stream = new GZIPOutputStream(stream, 1 << 16);
        out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
        out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        out.write("<osm version=\"0.6\" generator=\"" + escape(generator) + "\">\n");
        out.write(String.format(Locale.ROOT, "  <bounds minlat=\"%.7f\" minlon=\"%.7f\" maxlat=\"%.7f\" maxlon=\"%.7f\"/>%n",
                south, west, north, east));
    }

    void node(long id, double latitude, double longitude) throws IOException {
        out.write(String.format(Locale.ROOT, "  <node id=\"%d\" version=\"1\" lat=\"%.7f\" lon=\"%.7f\"/>%n",
                id, latitude, longitude));
    }

    /** Writes a way; tags are written in the map's iteration order, so pass an ordered map for stable output. */
    void way(long id, long[] nodeIds, Map<String, String> tags) throws IOException {
        out.write("  <way id=\"" + id + "\" version=\"1\">\n");
        for (long nodeId : nodeIds)
            out.write("    <nd ref=\"" + nodeId + "\"/>\n");
        for (Map.Entry<String, String> tag : tags.entrySet())
            out.write("    <tag k=\"" + escape(tag.getKey()) + "\" v=\"" + escape(tag.getValue()) + "\"/>\n");
        out.write("  </way>\n");
    }

    @Override
    public void close() throws IOException {
        out.write("</osm>\n");
        out.close();
    }

    private static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
