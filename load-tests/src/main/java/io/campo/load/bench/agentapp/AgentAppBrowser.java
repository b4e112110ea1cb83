package io.campo.load.bench.agentapp;

import com.google.gson.JsonObject;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.campo.load.bench.live.MapPage;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The agent app in Debian's headless chromium through Playwright, on a phone-sized viewport, each measurement in a
 * fresh browser context (empty HTTP cache, no service worker, no IndexedDB): what a new phone meets.
 */
final class AgentAppBrowser implements AutoCloseable {

  /**
   * Chrome DevTools' "Fast 3G" preset (its source, {@code NetworkManager}, kept since as "Slow 4G"): 1.6 Mbit/s down
   * and 750 kbit/s up, each × 0.9, and 150 ms × 3.75 of latency.
   */
  static final double FAST_3G_LATENCY_MS = 562.5;
  static final long FAST_3G_DOWN_BYTES_PER_S = 180_000;
  static final long FAST_3G_UP_BYTES_PER_S = 84_375;
  private static final double WAIT_MS = 120_000;
  private static final String DAY_SHOWN = "n => document.querySelectorAll('#stops li.stop').length >= n";

  /** What one first load and the offline reload after it measured. */
  record FirstLoad(long bytes, long offlineReloadMillis) {}

  private final Playwright playwright;
  private final Browser browser;

  private AgentAppBrowser(Playwright playwright, Browser browser) {
    this.playwright = playwright;
    this.browser = browser;
  }

  static AgentAppBrowser launch() {
    if (!Files.isExecutable(MapPage.CHROMIUM)) {
      throw new IllegalStateException(MapPage.CHROMIUM + " not found: install Debian's chromium (apt-get install chromium)");
    }
    Playwright playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    try {
      return new AgentAppBrowser(playwright, playwright.chromium().launch(new BrowserType.LaunchOptions()
          .setExecutablePath(MapPage.CHROMIUM).setHeadless(true).setArgs(List.of("--no-sandbox", "--disable-gpu",
              "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"))));
    } catch (RuntimeException e) {
      playwright.close();
      throw e;
    }
  }

  /**
   * Opens the enrolment link unthrottled, counts the encoded bytes of every response from {@code origin} (map tiles
   * come from elsewhere and are left out) until the day shows, the service worker controls the page and the network
   * is quiet; then goes offline and times a reload until the day shows again.
   */
  FirstLoad firstLoadThenOfflineReload(String origin, String enrolmentLink, int stops) throws InterruptedException {
    try (BrowserContext context = phone()) {
      Page page = context.newPage();
      CDPSession cdp = context.newCDPSession(page);
      Map<String, String> urls = new ConcurrentHashMap<>();
      AtomicLong bytes = new AtomicLong();
      AtomicLong lastActivity = new AtomicLong(System.nanoTime());
      cdp.on("Network.responseReceived", e -> urls.put(e.get("requestId").getAsString(),
          e.getAsJsonObject("response").get("url").getAsString()));
      cdp.on("Network.loadingFinished", e -> {
        String url = urls.get(e.get("requestId").getAsString());
        if (url != null && url.startsWith(origin)) {
          bytes.addAndGet((long) e.get("encodedDataLength").getAsDouble());
        }
        lastActivity.set(System.nanoTime());
      });
      cdp.send("Network.enable");
      page.navigate(enrolmentLink);
      page.waitForFunction(DAY_SHOWN, stops, new Page.WaitForFunctionOptions().setTimeout(WAIT_MS));
      page.waitForFunction("() => !!(navigator.serviceWorker && navigator.serviceWorker.controller)", null,
          new Page.WaitForFunctionOptions().setTimeout(WAIT_MS));
      while (System.nanoTime() - lastActivity.get() < 1_000_000_000L) {
        Thread.sleep(100);
      }
      long firstLoad = bytes.get();

      context.setOffline(true);
      long t0 = System.nanoTime();
      page.reload(new Page.ReloadOptions().setTimeout(WAIT_MS));
      page.waitForFunction(DAY_SHOWN, stops, new Page.WaitForFunctionOptions().setTimeout(WAIT_MS).setPollingInterval(10));
      return new FirstLoad(firstLoad, (System.nanoTime() - t0) / 1_000_000);
    }
  }

  /** From navigation to the day's list showing every stop, through the enrolment link, on "Fast 3G". */
  long usableMillisOnFast3g(String enrolmentLink, int stops) {
    try (BrowserContext context = phone()) {
      Page page = context.newPage();
      CDPSession cdp = context.newCDPSession(page);
      cdp.send("Network.enable");
      JsonObject conditions = new JsonObject();
      conditions.addProperty("offline", false);
      conditions.addProperty("latency", FAST_3G_LATENCY_MS);
      conditions.addProperty("downloadThroughput", FAST_3G_DOWN_BYTES_PER_S);
      conditions.addProperty("uploadThroughput", FAST_3G_UP_BYTES_PER_S);
      cdp.send("Network.emulateNetworkConditions", conditions);
      long t0 = System.nanoTime();
      page.navigate(enrolmentLink, new Page.NavigateOptions().setTimeout(WAIT_MS).setWaitUntil(
          com.microsoft.playwright.options.WaitUntilState.COMMIT));
      page.waitForFunction(DAY_SHOWN, stops, new Page.WaitForFunctionOptions().setTimeout(WAIT_MS).setPollingInterval(10));
      return (System.nanoTime() - t0) / 1_000_000;
    }
  }

  private BrowserContext phone() {
    return browser.newContext(new Browser.NewContextOptions().setViewportSize(360, 740).setIsMobile(true).setHasTouch(true)
        .setLocale("es-MX"));
  }

  @Override
  public void close() {
    browser.close();
    playwright.close();
  }
}
