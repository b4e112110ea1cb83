package io.campo.load.bench.live;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A map page in the system's headless chromium, driven through Playwright: logs in with the page's own form, waits until
 * {@code window.campo.ready} (logged in, live socket open, first frame applied), and reads {@code window.campoStats}.
 */
public final class MapPage implements AutoCloseable {

  /** Debian's chromium; Playwright's own browser download is skipped. */
  public static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  private final Playwright playwright;
  private final Browser browser;
  private final Page page;

  private MapPage(Playwright playwright, Browser browser, Page page) {
    this.playwright = playwright;
    this.browser = browser;
    this.page = page;
  }

  /** Opens {@code url}, logs in as {@code user}, and returns once the page says it is ready. */
  public static MapPage open(String url, String user, String password, Duration readyTimeout) {
    if (!Files.isExecutable(CHROMIUM)) {
      throw new IllegalStateException(CHROMIUM + " not found: install Debian's chromium (apt-get install chromium)");
    }
    Playwright playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    try {
      Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM).setHeadless(true)
          .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
              "--disable-sync", "--no-first-run", "--disable-quic")));
      Page page = browser.newPage(new Browser.NewPageOptions().setViewportSize(1280, 800));
      MapPage map = new MapPage(playwright, browser, page);
      page.navigate(url);
      page.fill("input[name=username]", user);
      page.fill("input[name=password]", password);
      page.press("input[name=password]", "Enter");
      page.waitForFunction("() => !!(window.campo && window.campo.ready && window.campoStats)", null,
          new Page.WaitForFunctionOptions().setTimeout(readyTimeout.toMillis()).setPollingInterval(100));
      return map;
    } catch (RuntimeException e) {
      playwright.close();
      throw e;
    }
  }

  public PageCounters counters() {
    Object read = page.evaluate("() => { const s = window.campoStats;"
        + " return [s.frames || 0, s.agentUpdates || 0, s.busyMs || 0, s.backlog || 0]; }");
    List<?> values = (List<?>) read;
    return new PageCounters(number(values.get(0)).longValue(), number(values.get(1)).longValue(), number(values.get(2)).doubleValue(),
        number(values.get(3)).longValue(), System.nanoTime());
  }

  /**
   * The delays (ms) recorded since the last call, leaving the page an empty list. Taken every few seconds, the page's
   * list never reaches its ring's cap, so no delay is overwritten unread. They travel as one comma-joined string: an
   * array of tens of thousands of numbers is serialized element by element on the page's main thread, which stalled
   * the very frames being measured.
   */
  public long[] takeDelays() {
    return longs(page.evaluate("() => { const s = window.campoStats; const d = s.delays; s.delays = []; return d.join(','); }"));
  }

  /** Forgets the delays recorded so far (the warm-up's) without carrying them out of the page. */
  public void discardDelays() {
    page.evaluate("() => { window.campoStats.delays = []; }");
  }

  /** From now on the page records where each fix's delay goes ({@code campoStats.stages}); read with {@link #takeStages}. */
  public void recordStages() {
    page.evaluate("() => { window.campoStats.stages = { frames: [], agents: [] }; }");
  }

  /**
   * What the page recorded since the last call: per frame {@code [received - sent, drawn - received, agents]} and per
   * agent update {@code [sent - t, received - t]}, flattened (ms).
   */
  public PageStages takeStages() {
    Object read = page.evaluate("() => { const s = window.campoStats.stages; if (!s) return ['', ''];"
        + " window.campoStats.stages = { frames: [], agents: [] }; return [s.frames.join(','), s.agents.join(',')]; }");
    List<?> both = (List<?>) read;
    return new PageStages(longs(both.get(0)), longs(both.get(1)));
  }

  /** Comma-joined numbers from the page, rounded to whole milliseconds. */
  private static long[] longs(Object joined) {
    String text = String.valueOf(joined);
    if (text.isEmpty()) {
      return new long[0];
    }
    String[] parts = text.split(",");
    long[] out = new long[parts.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = Math.round(Double.parseDouble(parts[i]));
    }
    return out;
  }

  /** The page's main-thread milliseconds by kind of work so far ({@code campoStats.work}), as JSON text. */
  public String work() {
    return String.valueOf(page.evaluate("() => JSON.stringify(window.campoStats.work || {})"));
  }

  private static Number number(Object value) {
    return value instanceof Number n ? n : 0;
  }

  @Override
  public void close() {
    try {
      browser.close();
    } finally {
      playwright.close();
    }
  }
}
