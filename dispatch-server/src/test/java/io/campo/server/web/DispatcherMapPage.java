package io.campo.server.web;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.WaitForSelectorState;

/** The dispatcher map as a test drives it: selectors live here, so the tests read as what a dispatcher does. */
final class DispatcherMapPage {

  final Page page;

  DispatcherMapPage(Page page) {
    this.page = page;
  }

  DispatcherMapPage open(String baseUrl) {
    page.navigate(baseUrl + "/");
    page.locator("#login, #app").first().waitFor();
    return this;
  }

  void submitLogin(String user, String password) {
    SignIn.submit(page, user, password);
  }

  /** Logs in and waits until the first agent list has been applied. */
  DispatcherMapPage logIn(String user, String password) {
    submitLogin(user, password);
    page.locator("#app").waitFor();
    page.waitForFunction("() => window.campo && window.campo.agentsLoaded === true");
    return this;
  }

  Locator row(String agentId) {
    return page.locator(".agent-row[data-agent='" + agentId + "']");
  }

  Locator rows() {
    return page.locator(".agent-row");
  }

  void waitForRow(String agentId) {
    row(agentId).waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.VISIBLE));
  }

  /** Where the agent's marker is drawn, as Leaflet holds it: [lat, lon], or null without a marker. */
  double[] markerLatLng(String agentId) {
    Object v = page.evaluate("id => window.campo.markerLatLng(id)", agentId);
    if (v == null) {
      return null;
    }
    java.util.List<?> pair = (java.util.List<?>) v;
    return new double[] {((Number) pair.get(0)).doubleValue(), ((Number) pair.get(1)).doubleValue()};
  }

  String text(String selector) {
    return page.locator(selector).innerText().trim();
  }
}
