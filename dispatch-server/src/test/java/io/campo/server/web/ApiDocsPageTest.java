package io.campo.server.web;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.WaitForSelectorState;
import io.campo.server.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The API's contract page renders the OpenAPI document in a real browser, without a login and under the server's
 * Content-Security-Policy (a violation fails the test when the page closes).
 */
class ApiDocsPageTest {

  static TestServer server;
  @RegisterExtension static final HeadlessChromium chromium = HeadlessChromium.perTestClass();

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void swaggerUiShowsTheDocumentsTitleAndItsOperations() {
    Page page = chromium.newPage();
    try {
      page.navigate(server.baseUrl() + "/api/docs");
      page.locator(".swagger-ui .info .title").waitFor(new com.microsoft.playwright.Locator.WaitForOptions()
          .setState(WaitForSelectorState.VISIBLE));
      String title = page.locator(".swagger-ui .info .title").innerText();
      assertTrue(title.contains("Campo HTTP API"), title);
      page.locator(".opblock-summary-path[data-path='/api/agents/{id}/track']").first().waitFor();
      assertTrue(page.locator(".opblock").count() >= 60, "every operation is listed: " + page.locator(".opblock").count());
      HeadlessChromium.screenshot(page, "api-docs");
    } finally {
      HeadlessChromium.closePage(page);
    }
  }
}
