package io.campo.server.web;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.impl.TargetClosedError;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Debian's chromium driven by Playwright, one per test class. Playwright's own browser download is
 * skipped (the machines are offline and `./campo test` installs the apt package instead), and every
 * request that leaves 127.0.0.1 is aborted: tile servers are unreachable here, and aborting them at
 * once exercises the page's offline basemap instead of waiting for DNS timeouts.
 */
final class HeadlessChromium implements AutoCloseable, BeforeAllCallback, AfterAllCallback {

  static final Path EXECUTABLE = Paths.get("/usr/bin/chromium");
  static final Path SCREENSHOTS = Paths.get("target", "screenshots");

  private Playwright playwright;
  private Browser browser;

  private HeadlessChromium() {}

  /** A browser for one test method: close it (try-with-resources). */
  static HeadlessChromium launch() {
    HeadlessChromium chromium = new HeadlessChromium();
    chromium.start();
    return chromium;
  }

  /**
   * The browser of a whole test class, as a static {@code @RegisterExtension} field: launched before the class's
   * {@code @BeforeAll} methods, closed after its {@code @AfterAll} ones.
   */
  static HeadlessChromium perTestClass() {
    return new HeadlessChromium();
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (browser != null) {
      close();
    }
  }

  private void start() {
    if (!Files.isExecutable(EXECUTABLE)) {
      throw new IllegalStateException(EXECUTABLE + " is missing: install Debian's chromium (`./campo test` does it with apt-get)");
    }
    playwright = Playwright.create(new Playwright.CreateOptions()
        .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
        .setExecutablePath(EXECUTABLE).setHeadless(true)
        .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--disable-quic")));
  }

  /** A fresh context (own localStorage and sessionStorage) and page, with only local requests allowed. */
  Page newPage() {
    return newPage(new Browser.NewContextOptions());
  }

  /** As {@link #newPage()}, the browser's clock read in {@code timeZoneId} (a user far from the agency). */
  Page newPageInZone(String timeZoneId) {
    return newPage(new Browser.NewContextOptions().setTimezoneId(timeZoneId));
  }

  /**
   * A phone: 390×844, touch, mobile user agent behaviour, geolocation allowed and first placed at {@code lat, lon}
   * (move it with {@code page.context().setGeolocation}).
   */
  Page newPhonePage(double lat, double lon) {
    return newPage(new Browser.NewContextOptions().setIsMobile(true).setHasTouch(true).setDeviceScaleFactor(2)
        .setPermissions(List.of("geolocation")).setGeolocation(lat, lon), 390, 844);
  }

  /** A tablet held upright: 768×1024, touch, the browser's clock read in {@code timeZoneId}. */
  Page newTabletPage(String timeZoneId) {
    return newPage(new Browser.NewContextOptions().setHasTouch(true).setTimezoneId(timeZoneId), 768, 1024);
  }

  /**
   * Writes the page's screenshot into the repository's {@code docs/img/} (the README shows it), as well as under
   * target/: the tests that drive the screens keep the README's pictures current.
   */
  static Path documentationScreenshot(Page page, String name) throws java.io.IOException {
    Path docs = Paths.get("..", "docs", "img");
    Files.createDirectories(docs);
    Path file = docs.resolve(name + ".png");
    page.screenshot(new Page.ScreenshotOptions().setPath(file));
    return file;
  }

  private Page newPage(Browser.NewContextOptions options) {
    return newPage(options, 1400, 900);
  }

  private Page newPage(Browser.NewContextOptions options, int width, int height) {
    BrowserContext context = browser.newContext(options.setViewportSize(width, height));
    context.setDefaultTimeout(15_000);
    context.route("**/*", route -> {
      String host = URI.create(route.request().url()).getHost();
      if ("127.0.0.1".equals(host) || "localhost".equals(host)) {
        route.resume();
      } else {
        route.abort();
      }
    });
    Page page = context.newPage();
    // The pages run under the server's Content-Security-Policy: anything it blocks (an inline script, a style, a
    // socket or image source it does not name) fails the test when its page is closed.
    page.onConsoleMessage(m -> {
      if (m.text().contains("Content Security Policy")) {
        CSP_VIOLATIONS.computeIfAbsent(page, p -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(m.text());
      }
    });
    return page;
  }

  private static final Map<Page, List<String>> CSP_VIOLATIONS = new java.util.concurrent.ConcurrentHashMap<>();

  static Path screenshot(Page page, String name) {
    Path file = SCREENSHOTS.resolve(name + ".png");
    page.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(true));
    return file;
  }

  /**
   * Closes a test's page and its context once the test is done with it. Seen once in CI: the close itself failing
   * with "target closed" after every assertion had passed; a page that is already gone is closed.
   */
  static void closePage(Page page) {
    try {
      page.context().close();
    } catch (TargetClosedError alreadyGone) {
      // nothing left to close
    }
    List<String> violations = CSP_VIOLATIONS.remove(page);
    if (violations != null && !violations.isEmpty()) {
      throw new AssertionError("the page broke its Content-Security-Policy: " + violations);
    }
  }

  @Override
  public void close() {
    browser.close();
    playwright.close();
    browser = null;
  }
}
