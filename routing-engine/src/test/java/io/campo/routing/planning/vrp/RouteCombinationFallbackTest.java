package io.campo.routing.planning.vrp;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Where OR-Tools' native library does not load (a platform it ships none for), plans go on without the route
 * combination. Its loader unpacks the library under {@code java.io.tmpdir}; a JVM whose temporary folder does not exist
 * cannot load it, as on such a platform.
 */
class RouteCombinationFallbackTest {

    @Test
    void aLongRouteDayIsPlannedOnTwoThreadsWithoutTheNativeLibrary() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-Djava.io.tmpdir=/nonexistent/campo-no-ortools",
                "-cp", System.getProperty("java.class.path"), SolveWithoutOrTools.class.getName())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(2, TimeUnit.MINUTES), output);

        assertEquals(0, process.exitValue(), output);
        assertTrue(output.contains("OR-Tools did not load on this platform"), "the planner says why it goes on without it:\n" + output);
        assertTrue(output.contains("OR-Tools available: false; served 60 of 60; feasible: true;"), output);
    }
}
