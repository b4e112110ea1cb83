package io.campo.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.campo.server.config.CampoConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code conf/campo.env.example} is the operator's reference: it must name every variable the server reads, and the
 * default it shows must be the real one. The distribution's launcher must start the JVM as {@code ./campo} does.
 */
class CampoEnvExampleTest {

  private static final Path ROOT = Path.of(System.getProperty("campo.root", "..")).toAbsolutePath().normalize();
  private static final Path EXAMPLE = ROOT.resolve("distribution/src/dist/conf/campo.env.example");
  private static final Pattern SETTING = Pattern.compile("^#(CAMPO_[A-Z0-9_]+)=(.*)$", Pattern.MULTILINE);
  private static final Pattern READ_IN_CODE = Pattern.compile("\"(CAMPO_[A-Z0-9_]+)\"");

  @Test
  void everyVariableTheServerReadsIsListed() throws IOException {
    Set<String> listed = settings().keySet();
    Set<String> read = new TreeSet<>();
    for (String module : List.of("dispatch-server", "tracking", "routing-engine", "web-map")) {
      Path main = ROOT.resolve(module).resolve("src/main");
      if (!Files.isDirectory(main)) {
        continue;
      }
      try (Stream<Path> files = Files.walk(main)) {
        for (Path source : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
          Matcher m = READ_IN_CODE.matcher(Files.readString(source));
          while (m.find()) {
            read.add(m.group(1));
          }
        }
      }
    }
    assertTrue(read.contains("CAMPO_HTTP_PORT"), "the scan of the sources found nothing: " + read);
    read.remove("CAMPO_CONFIG"); // the file's own name: explained in its header
    read.removeAll(listed);
    // A literal ending in '_' is a prefix the code completes (CAMPO_LOGIN_ + FAILURES_PER_USER): some listed name must start with it.
    read.removeIf(prefix -> prefix.endsWith("_") && listed.stream().anyMatch(name -> name.startsWith(prefix)));
    assertEquals(Set.of(), read, "read by the server but missing from " + EXAMPLE + " (add a commented line with its default)");
  }

  @Test
  void theDefaultsShownAreTheServersDefaults() throws IOException {
    Map<String, String> uncommented = new HashMap<>(settings());
    uncommented.remove("CAMPO_JAVA_OPTS"); // the launcher's, not the server's
    // Compared as text: the MQTT failed-CONNECT limit is a stateful object without equals, so its identity hash is cut
    // (its two settings are therefore checked only for being accepted).
    assertEquals(comparable(CampoConfig.from(Map.of())), comparable(CampoConfig.from(uncommented)),
        "with every line of " + EXAMPLE + " uncommented the server must run exactly as on its defaults");
  }

  @Test
  void theLauncherStartsTheJvmAsTheSourceCheckoutDoes() throws IOException {
    assertEquals(jvmFlags(ROOT.resolve("campo")), jvmFlags(ROOT.resolve("distribution/src/dist/bin/campo")));
  }

  private static String comparable(CampoConfig config) {
    return config.toString().replaceAll("@[0-9a-f]+", "");
  }

  private static Map<String, String> settings() throws IOException {
    Map<String, String> settings = new HashMap<>();
    Matcher m = SETTING.matcher(Files.readString(EXAMPLE));
    while (m.find()) {
      settings.put(m.group(1), m.group(2));
    }
    return settings;
  }

  private static Set<String> jvmFlags(Path script) throws IOException {
    Set<String> flags = new TreeSet<>();
    Matcher m = Pattern.compile("(--add-(?:opens|exports) [^\\s=]+=ALL-UNNAMED|-XX:\\+Use\\w+GC)").matcher(Files.readString(script));
    while (m.find()) {
      flags.add(m.group(1));
    }
    assertTrue(flags.size() >= 7, script + ": expected ZGC and the --add-opens list, found " + flags);
    return flags;
  }
}
