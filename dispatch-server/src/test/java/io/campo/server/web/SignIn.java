package io.campo.server.web;

import com.microsoft.playwright.Page;

/**
 * Signing in on Campo's pages as a person does, through the pages' own forms: the office's, manager's and dispatcher
 * map's login (user and password) and the agent app's (agent id and device token).
 */
final class SignIn {

  private SignIn() {}

  /** Fills and sends the {@code #login} form the office, manager and map pages share; waits for nothing. */
  static void submit(Page page, String user, String password) {
    page.fill("#login input[name=username]", user);
    page.fill("#login input[name=password]", password);
    page.click("#login button[type=submit]");
  }

  /** Opens the office page and signs in as {@code user}: returns once the signed-in app is shown. */
  static Page toOffice(Page page, String baseUrl, String user, String password) {
    page.navigate(baseUrl + "/office.html");
    submit(page, user, password);
    page.locator("#app").waitFor();
    return page;
  }

  /** Opens the agent app and sends its sign-in form; what the app loads next is the test's to wait for. */
  static Page toAgentApp(Page page, String baseUrl, String agentId, String deviceToken) {
    page.navigate(baseUrl + "/agent/");
    page.fill("#login-agent", agentId);
    page.fill("#login-token", deviceToken);
    page.click("#login-form button[type=submit]");
    return page;
  }
}
