package io.campo.routing.network;

import com.graphhopper.config.Profile;
import com.graphhopper.util.Constants;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Names the cache folder of a built graph after everything that shapes it, so that a restart
 * with the same input loads in seconds and any change rebuilds instead of loading a stale graph.
 *
 * <p>The OSM file is identified by absolute path, size and modification time rather than by a
 * content hash: hashing a country extract takes longer than loading its cached graph, and
 * replacing the file (the way extracts are updated) changes its modification time.
 *
 * <p>Stateless and thread-safe.
 */
final class GraphCacheKey {

    /** Bump when the way Campo builds graphs changes in a way the inputs below do not capture. */
    private static final String FORMAT = "campo-graph-cache-1";

    private GraphCacheKey() {
    }

    /** The folder name for this input, e.g. {@code demo-city-3f9a0c1d2e4b5a69}. */
    static String folderName(Path osmFile, List<Profile> profiles, String encodedValues, int minNetworkSize)
            throws IOException {
        Path absolute = osmFile.toAbsolutePath().normalize();
        StringBuilder identity = new StringBuilder()
                .append(FORMAT).append('\n')
                .append("graphhopper=").append(Constants.VERSION).append('\n')
                .append("osm=").append(absolute).append('\n')
                .append("size=").append(Files.size(absolute)).append('\n')
                .append("mtime=").append(Files.getLastModifiedTime(absolute).toMillis()).append('\n')
                .append("encodedValues=").append(encodedValues).append('\n')
                .append("minNetworkSize=").append(minNetworkSize).append('\n');
        // Profile.toString() includes the custom model, so an edited model gets a new folder
        for (Profile profile : profiles)
            identity.append("profile=").append(profile).append('\n');
        return baseName(absolute) + "-" + sha256(identity.toString()).substring(0, 16);
    }

    private static String baseName(Path osmFile) {
        String name = osmFile.getFileName().toString();
        for (String extension : List.of(".osm.pbf", ".osm.gz", ".osm", ".pbf", ".gz", ".xml"))
            if (name.endsWith(extension)) return sanitise(name.substring(0, name.length() - extension.length()));
        return sanitise(name);
    }

    private static String sanitise(String name) {
        String safe = name.replaceAll("[^A-Za-z0-9._-]", "_");
        return safe.isEmpty() ? "graph" : safe;
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime ships SHA-256", e);
        }
    }
}
