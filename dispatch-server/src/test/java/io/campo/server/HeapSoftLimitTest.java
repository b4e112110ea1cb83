package io.campo.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The soft heap limit the server gives ZGC, each case in a JVM of its own (the collector is chosen at start). */
class HeapSoftLimitTest {

  @Test
  void onZgcWithoutALimitTheSoftLimitIsHalfTheMaximumHeap() throws Exception {
    assertEquals((256L << 20) + " MANAGEMENT " + (256L << 20), probe("-XX:+UseZGC", "-Xmx512m"));
  }

  @Test
  void aLimitGivenOnTheCommandLineIsKept() throws Exception {
    assertEquals((100L << 20) + " VM_CREATION " + (100L << 20), probe("-XX:+UseZGC", "-Xmx512m", "-XX:SoftMaxHeapSize=100m"));
  }

  @Test
  void anotherCollectorIsLeftAlone() throws Exception {
    assertEquals("0 ERGONOMIC " + (512L << 20), probe("-XX:+UseG1GC", "-Xmx512m"));
  }

  private static String probe(String... options) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of(options));
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), HeapSoftLimitProbe.class.getName()));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the probe did not end: " + output);
    }
    assertEquals(0, process.exitValue(), output);
    return output;
  }
}
