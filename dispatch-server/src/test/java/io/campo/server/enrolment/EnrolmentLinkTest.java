package io.campo.server.enrolment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class EnrolmentLinkTest {

  @Test
  void theLinkCarriesServerAgentAndTokenAsBase64urlJsonInTheFragment() {
    String url = new EnrolmentLink("https://campo.example.com/", "cobrador-1", "tok_en-1").url();
    assertTrue(url.startsWith("https://campo.example.com/agent/#enrol="), url);
    String payload = url.substring(url.indexOf("#enrol=") + 7);
    assertTrue(payload.matches("[A-Za-z0-9_-]+"), "base64url without padding: " + payload);
    JsonObject json = new JsonObject(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8));
    assertEquals(new JsonObject().put("server", "https://campo.example.com").put("agentId", "cobrador-1").put("token", "tok_en-1"), json);
    assertFalse(url.substring(0, url.indexOf('#')).contains("tok_en-1"), "the token is only in the fragment, which is never sent");
    assertEquals(new EnrolmentLink("https://campo.example.com", "cobrador-1", "tok_en-1"), EnrolmentLink.parse(url));
  }

  @Test
  void aUrlWithoutEnrolmentIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> EnrolmentLink.parse("https://campo.example.com/agent/"));
  }
}
