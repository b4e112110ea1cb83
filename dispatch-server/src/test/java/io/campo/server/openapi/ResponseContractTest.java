package io.campo.server.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The test-side validator catches answers that break the document, and passes those that keep it. */
class ResponseContractTest {

  private final ResponseContract contract = ResponseContract.shared();

  @Test
  void aBodyOfTheDeclaredShapePasses() {
    assertEquals(List.of(), contract.problems("GET", "/api/teams", 200, "application/json",
        "[{\"id\":\"norte\",\"name\":null,\"agents\":3}]"));
    assertEquals(List.of(), contract.problems("GET", "/api/agents/ana-01/track?from=1&to=2", 404, "application/json",
        "{\"error\":\"no agent ana-01\",\"status\":404}"), "errors fall to the default answer");
  }

  @Test
  void aBodyOfAnotherShapeFailsNamingWhere() {
    List<String> wrongType = contract.problems("GET", "/api/teams", 200, "application/json", "[{\"id\":\"norte\",\"name\":\"N\",\"agents\":\"3\"}]");
    assertTrue(wrongType.stream().anyMatch(p -> p.contains("/0/agents")), wrongType.toString());
    List<String> missing = contract.problems("POST", "/api/auth/login", 200, "application/json", "{\"token\":\"x\",\"role\":\"admin\"}");
    assertTrue(!missing.isEmpty(), "expiresInSeconds and timeZone are required");
    List<String> badError = contract.problems("GET", "/api/users", 403, "application/json", "{\"message\":\"no\"}");
    assertTrue(!badError.isEmpty(), "an error without 'error' and 'status'");
    AssertionError thrown = assertThrows(AssertionError.class,
        () -> contract.check("GET", "/api/teams", 200, "application/json; charset=utf-8", "{\"teams\":[]}"));
    assertTrue(thrown.getMessage().contains("GET /api/teams answered 200"), thrown.getMessage());
  }

  @Test
  void anUndeclaredContentTypeOrBodyOrNonJsonFails() {
    assertTrue(contract.problems("GET", "/api/teams", 200, "text/html", "<p>teams</p>").get(0).contains("not 'text/html'"));
    assertTrue(contract.problems("DELETE", "/api/users/ana", 204, "application/json", "{}").get(0).contains("declares no body"));
    assertTrue(contract.problems("GET", "/api/teams", 200, "application/json", "[{").get(0).contains("not JSON"));
    assertTrue(contract.problems("GET", "/api/evidence/7", 200, "image/jpeg", "\u00ff\u00d8").isEmpty(), "image/* covers a JPEG");
  }

  @Test
  void pathsNoOperationServesAreNotChecked() {
    assertEquals(List.of(), contract.problems("GET", "/index.html", 200, "text/html", "<html>"));
    assertEquals(List.of(), contract.problems("PATCH", "/api/teams", 405, "application/json", "nonsense"));
  }

  @Test
  void theMostSpecificTemplateServesAPath() {
    assertEquals("/api/debtors/import", OpenApiDocument.load().find("POST", "/api/debtors/import").template());
    assertEquals("/api/debtors/{externalId}", OpenApiDocument.load().find("GET", "/api/debtors/import").template());
    assertEquals("/api/agents/{id}/track", OpenApiDocument.load().find("GET", "/api/agents/a.b-c/track").template());
  }
}
