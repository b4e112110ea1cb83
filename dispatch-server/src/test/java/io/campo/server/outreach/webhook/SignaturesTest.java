package io.campo.server.outreach.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.campo.server.outreach.channel.Channel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SignaturesTest {

  @Test
  void hubSignatureIsHmacSha256OfTheRawBody() {
    HubSignature hub = new HubSignature("secret");
    byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
    // printf '{"a":1}' | openssl dgst -sha256 -hmac secret
    assertEquals("sha256=aa9e2e3575f5d7098b6caccd790888c36d5fdb63342a73bada2d6a51747a8494", hub.header(body));
    assertTrue(hub.matches(body, hub.header(body)));
    assertTrue(hub.matches(body, hub.header(body).toUpperCase().replace("SHA256=", "sha256=")));
    assertFalse(hub.matches("{\"a\": 1}".getBytes(StandardCharsets.UTF_8), hub.header(body)), "one space more");
    assertFalse(hub.matches(body, null));
    assertFalse(hub.matches(body, "sha1=abc"));
    assertFalse(hub.matches(body, "sha256=not-hex"));
    assertFalse(new HubSignature("other").matches(body, hub.header(body)));
  }

  @Test
  void twilioSignatureCoversTheUrlAndTheSortedParameters() {
    TwilioSignature t = new TwilioSignature("12345");
    Map<String, String> params = Map.of("CallSid", "CA1234567890ABCDE", "Caller", "+12349013030", "Digits", "1234",
        "From", "+12349013030", "To", "+18005551212");
    String url = "https://mycompany.com/myapp.php?foo=1&bar=2";
    // The example of Twilio's security documentation.
    assertEquals("0/KCTR6DLpKmkAf8muzZqo1nDgQ=", t.sign(url, params));
    assertTrue(t.matches(url, params, "0/KCTR6DLpKmkAf8muzZqo1nDgQ="));
    assertFalse(t.matches(url.replace("foo", "fo"), params, t.sign(url, params)));
    assertFalse(t.matches(url, Map.of("CallSid", "CA1"), t.sign(url, params)));
    assertFalse(t.matches(url, params, null));
  }

  @Test
  void whatsAppNotificationsAreReadAndMalformedOnesRefused() throws Exception {
    WhatsAppWebhookReader reader = new WhatsAppWebhookReader();
    var events = reader.read("{\"entry\":[{\"changes\":[{\"value\":{\"messages\":[{\"from\":\"5215512345678\",\"id\":\"m1\","
        + "\"timestamp\":\"1700000000\",\"type\":\"text\",\"text\":{\"body\":\"hola\"}}],\"statuses\":[{\"id\":\"s1\","
        + "\"status\":\"failed\",\"timestamp\":\"1700000001\",\"errors\":[{\"code\":131047,\"title\":\"Re-engagement message\"}]},"
        + "{\"id\":\"s2\",\"status\":\"deleted\"}]}}]}]}");
    assertEquals(2, events.size());
    assertEquals(new ProviderEvent.Reply(Channel.WHATSAPP, "m1", "5215512345678", "hola", Instant.ofEpochSecond(1700000000)),
        events.get(0));
    assertEquals(new ProviderEvent.StatusChange(Channel.WHATSAPP, "s1", ProviderEvent.Status.FAILED, Instant.ofEpochSecond(1700000001),
        "Re-engagement message (code 131047)"), events.get(1));
    assertThrows(WhatsAppWebhookReader.Unreadable.class, () -> reader.read("not json"));
    assertThrows(WhatsAppWebhookReader.Unreadable.class, () -> reader.read("[]"));
    assertThrows(WhatsAppWebhookReader.Unreadable.class, () -> reader.read("{\"object\":\"x\"}"));
    assertEquals(0, reader.read("{\"entry\":[1,{\"changes\":\"x\"},{\"changes\":[{\"value\":{\"messages\":[{\"id\":5}]}}]}]}").size());
  }
}
