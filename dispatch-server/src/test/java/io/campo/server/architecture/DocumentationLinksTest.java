package io.campo.server.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every relative link in the repository's Markdown (README.md, docs/, the modules' READMEs) reaches a file of the
 * repository, and a link to a heading ({@code file.md#heading}) reaches a heading that exists, by GitHub's rule for
 * heading anchors. The README once linked to two files that were not in the repository; text moves between files
 * (the README's sections went to docs/) and anchors break silently. Links to the web, to mail, and to the running
 * server's own paths ({@code /api/docs}) are not files and are not checked; nor is anything inside code.
 */
class DocumentationLinksTest {

  private static final Path ROOT = Paths.get("..").toAbsolutePath().normalize();
  private static final Pattern LINK = Pattern.compile("!?\\[[^\\]]*\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
  private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$");

  @Test
  void everyRelativeLinkInTheDocumentationResolves() throws IOException {
    assertTrue(Files.isRegularFile(ROOT.resolve("pom.xml")) && Files.isRegularFile(ROOT.resolve("README.md")),
        "not the repository root: " + ROOT);
    List<String> broken = new ArrayList<>();
    List<Path> documents = markdownFiles();
    assertTrue(documents.size() >= 5, "Markdown files found: " + documents);
    for (Path document : documents) {
      broken.addAll(brokenLinks(document));
    }
    assertEquals(List.of(), broken);
  }

  @Test
  void theReadmeIsAFrontDoorNotADiary() throws IOException {
    List<String> lines = Files.readAllLines(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
    assertTrue(lines.size() <= 300, "README.md has " + lines.size() + " lines; keep it at most 300 and link to docs/");
  }

  @Test
  void aBrokenLinkAndAMissingHeadingAreFound() throws IOException {
    Path dir = Files.createTempDirectory("links");
    Files.writeString(dir.resolve("a.md"), "# Title\n## Two words\n[ok](#two-words) [ok](b.md#b-heading) [web](https://x.org/y)"
        + " [server](/api/docs)\n`[in code](nowhere.md)`\n```\n[in a block](nowhere.md)\n```\n[gone](c.md) [no heading](b.md#nope)\n");
    Files.writeString(dir.resolve("b.md"), "# B heading\n");
    assertEquals(List.of(dir.resolve("a.md") + ":8: c.md (no such file)",
        dir.resolve("a.md") + ":8: b.md#nope (no heading 'nope' in " + dir.resolve("b.md") + ")"), brokenLinks(dir.resolve("a.md")));
  }

  private static List<Path> markdownFiles() throws IOException {
    try (Stream<Path> walk = Files.walk(ROOT)) {
      return walk.filter(p -> p.toString().endsWith(".md"))
          .filter(p -> {
            String relative = ROOT.relativize(p).toString();
            return !relative.contains("target/") && !relative.contains("node_modules/") && !relative.startsWith(".");
          })
          .sorted().toList();
    }
  }

  static List<String> brokenLinks(Path document) throws IOException {
    List<String> broken = new ArrayList<>();
    List<String> lines = Files.readAllLines(document, StandardCharsets.UTF_8);
    boolean inFence = false;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.startsWith("```")) {
        inFence = !inFence;
        continue;
      }
      if (inFence) {
        continue;
      }
      Matcher m = LINK.matcher(line.replaceAll("`[^`]*`", ""));
      while (m.find()) {
        String target = m.group(1);
        if (target.matches("^[a-zA-Z][a-zA-Z+.-]*:.*") || target.startsWith("/")) {
          continue;
        }
        int hash = target.indexOf('#');
        String file = hash < 0 ? target : target.substring(0, hash);
        String anchor = hash < 0 ? null : target.substring(hash + 1);
        Path resolved = file.isEmpty() ? document : document.getParent().resolve(file).normalize();
        String where = document + ":" + (i + 1) + ": " + target;
        if (!Files.exists(resolved)) {
          broken.add(where + " (no such file)");
        } else if (anchor != null && resolved.toString().endsWith(".md") && !anchors(resolved).contains(anchor)) {
          broken.add(where + " (no heading '" + anchor + "' in " + resolved + ")");
        }
      }
    }
    return broken;
  }

  /** GitHub's anchors: lower case, punctuation dropped, spaces to hyphens, "-1", "-2"… for repeated headings. */
  static Set<String> anchors(Path document) {
    Set<String> anchors = new HashSet<>();
    Map<String, Integer> seen = new HashMap<>();
    boolean inFence = false;
    try {
      for (String line : Files.readAllLines(document, StandardCharsets.UTF_8)) {
        if (line.startsWith("```")) {
          inFence = !inFence;
          continue;
        }
        Matcher m = HEADING.matcher(line);
        if (inFence || !m.matches()) {
          continue;
        }
        String slug = m.group(1).replace("`", "").toLowerCase(Locale.ROOT)
            .replaceAll("[^\\p{L}\\p{N}_\\- ]", "").replace(' ', '-');
        int n = seen.merge(slug, 1, Integer::sum) - 1;
        anchors.add(n == 0 ? slug : slug + "-" + n);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return anchors;
  }
}
