package io.campo.server.outreach;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.campo.server.TestServer;
import io.campo.server.outreach.webhook.HubSignature;
import io.campo.server.outreach.webhook.TwilioSignature;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Debtor outreach end to end on the real server: WireMock stands in for the WhatsApp Cloud API and the SMS provider
 * (the exact requests Campo sends are asserted), GreenMail for the SMTP server; webhooks are signed as the providers
 * sign them.
 */
class OutreachApiTest {

  static final String WA_PATH = "/v21.0/1234567890/messages";
  static final String SMS_PATH = "/2010-04-01/Accounts/AC123/Messages.json";
  static final String PUBLIC_URL = "http://campo.example";
  static final HubSignature HUB = new HubSignature("app-secret");
  static final TwilioSignature TWILIO = new TwilioSignature("sms-token");

  static WireMockServer providers;
  static GreenMail smtp;
  static TestServer server;
  static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    providers = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    providers.start();
    providers.stubFor(post(urlPathEqualTo(WA_PATH)).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withTransformers("response-template")
        .withBody("{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"{{jsonPath request.body '$.to'}}\"}],"
            + "\"messages\":[{\"id\":\"wamid.{{randomValue length=24 type='ALPHANUMERIC'}}\"}]}")));
    // One number the provider refuses, as WhatsApp refuses an undeliverable one.
    providers.stubFor(post(urlPathEqualTo(WA_PATH)).atPriority(1).withRequestBody(matchingJsonPath("$.to", equalTo("525520202020")))
        .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
            .withBody("{\"error\":{\"message\":\"(#131026) Message undeliverable\",\"type\":\"OAuthException\",\"code\":131026}}")));
    providers.stubFor(post(urlPathEqualTo(SMS_PATH)).willReturn(aResponse().withStatus(201)
        .withHeader("Content-Type", "application/json").withTransformers("response-template")
        .withBody("{\"sid\":\"SM{{randomValue length=32 type='ALPHANUMERIC'}}\",\"status\":\"queued\"}")));
    int smtpPort;
    try (ServerSocket s = new ServerSocket(0)) {
      smtpPort = s.getLocalPort();
    }
    smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();

    Map<String, String> env = TestServer.env(TestServer.freshDatabaseUrl());
    env.put("CAMPO_WHATSAPP_API_URL", providers.baseUrl());
    env.put("CAMPO_WHATSAPP_PHONE_NUMBER_ID", "1234567890");
    env.put("CAMPO_WHATSAPP_TOKEN", "wa-token");
    env.put("CAMPO_WHATSAPP_VERIFY_TOKEN", "verify-me");
    env.put("CAMPO_WHATSAPP_APP_SECRET", "app-secret");
    env.put("CAMPO_SMS_API_URL", providers.baseUrl());
    env.put("CAMPO_SMS_ACCOUNT", "AC123");
    env.put("CAMPO_SMS_TOKEN", "sms-token");
    env.put("CAMPO_SMS_FROM", "+15005550006");
    env.put("CAMPO_SMTP_HOST", "127.0.0.1");
    env.put("CAMPO_SMTP_PORT", Integer.toString(smtpPort));
    env.put("CAMPO_SMTP_STARTTLS", "disabled");
    env.put("CAMPO_SMTP_FROM", "cobranza@agencia.example");
    env.put("CAMPO_PUBLIC_URL", PUBLIC_URL);
    // Whatever the hour the suite runs at; the hours themselves are tested with a fixed clock (ContactHoursDispatchTest).
    env.put("CAMPO_CONTACT_HOURS", "00:00-24:00");
    env.put("CAMPO_CONTACT_MAX_PER_WEEK", "2");
    server = TestServer.start(env);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
    providers.stop();
    smtp.stop();
  }

  @Test
  void aWhatsAppCampaignSendsTheExactTemplateRequestAndSkipsWithReasons() {
    importDebtors("W-1,Ana López,55 1234 5678,si,,L-1,8000.50,5",
        "W-2,Beto Ruiz,55 2222 3333,no,,L-2,100,5",
        "W-3,Carla Sin Teléfono,,si,,L-3,100,5");
    createTemplate("whatsapp", "recordatorio_pago", "Hola {nombre}, tu saldo es {saldo} y venció el {vencimiento}.");

    long id = createCampaign(new JsonObject().put("name", "Julio").put("channel", "whatsapp").put("template", "recordatorio_pago")
        .put("debtors", new JsonArray().add("W-1").add("W-2").add("W-3")));
    JsonObject status = awaitDone(id);
    assertEquals(new JsonObject().put("status", "done")
        .put("counts", counts(1, 1, 0, 0, 0, 0, 2))
        .put("skipped", new JsonObject().put("no_consent", 1).put("no_recipient", 1))
        .put("results", new JsonObject().put("paidWithin7Days", 0).put("paidAmount", null).put("paidByCurrency", new JsonObject())),
        status);

    String due = LocalDate.now(ZoneId.of("America/Mexico_City")).minusDays(5).format(DateTimeFormatter.ofPattern("dd/MM/yyyy"));
    providers.verify(1, postRequestedFor(urlPathEqualTo(WA_PATH)).withRequestBody(matchingJsonPath("$.to", equalTo("525512345678")))
        .withHeader("Authorization", equalTo("Bearer wa-token"))
        .withHeader("Content-Type", com.github.tomakehurst.wiremock.client.WireMock.containing("application/json"))
        .withRequestBody(equalToJson(new JsonObject().put("messaging_product", "whatsapp").put("recipient_type", "individual")
            .put("to", "525512345678").put("type", "template").put("template", new JsonObject().put("name", "recordatorio_pago")
                .put("language", new JsonObject().put("code", "es_MX"))
                .put("components", new JsonArray().add(new JsonObject().put("type", "body").put("parameters", new JsonArray()
                    .add(text("Ana")).add(text("$8,000.50")).add(text(due))))))
            .encode())));
    assertEquals(0, sentTo("525522223333") + sentTo("52"), "no one else got a message");

    assertTrue(logKinds("W-1").contains("message_sent"), logKinds("W-1").toString());
    JsonObject skipped = lastLog("W-2", "contact_skipped");
    assertTrue(skipped.getString("summary").contains("has not accepted messages"), skipped.encode());
    assertEquals("no_consent", skipped.getJsonObject("details").getString("reason"));
  }

  @Test
  void webhooksAreVerifiedIdempotentAndAnOptOutReplyStopsLaterCampaigns() throws Exception {
    importDebtors("W-10,Elena Paz,55 1010 1010,si,,L-10,300,2");
    createTemplate("whatsapp", "aviso_webhook", "Hola {nombre}");
    long first = createCampaign(new JsonObject().put("name", "Aviso").put("channel", "whatsapp").put("template", "aviso_webhook")
        .put("debtors", new JsonArray().add("W-10")));
    awaitDone(first);
    String wamid = providerId("W-10", first);

    String delivered = statusNotification(wamid, "delivered");
    assertEquals(401, webhook(delivered, null).statusCode());
    assertEquals(401, webhook(delivered, "sha256=" + "0".repeat(64)).statusCode());
    // Signed with the right secret over another body: the signature covers the raw bytes.
    assertEquals(401, webhook(delivered, HUB.header(delivered.replace("delivered", "read").getBytes(StandardCharsets.UTF_8))).statusCode());
    assertEquals(0, status(first).getJsonObject("counts").getInteger("delivered"), "a refused webhook changes nothing");

    HttpResponse<String> ok = webhook(delivered, HUB.header(delivered.getBytes(StandardCharsets.UTF_8)));
    assertEquals(200, ok.statusCode(), ok.body());
    assertEquals(1, new JsonObject(ok.body()).getInteger("new"));
    HttpResponse<String> replay = webhook(delivered, HUB.header(delivered.getBytes(StandardCharsets.UTF_8)));
    assertEquals(200, replay.statusCode());
    assertEquals(0, new JsonObject(replay.body()).getInteger("new"), "a retried notification is recorded once");
    String read = statusNotification(wamid, "read");
    assertEquals(200, webhook(read, HUB.header(read.getBytes(StandardCharsets.UTF_8))).statusCode());
    assertEquals(counts(1, 1, 1, 1, 0, 0, 0), status(first).getJsonObject("counts"));
    assertEquals(2, logKinds("W-10").stream().filter("message_status"::equals).count(), "delivered and read, once each");

    // The debtor answers "¡Baja!" from WhatsApp, which still writes Mexican mobiles with the old "1".
    String reply = "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"WABA\",\"changes\":[{\"field\":\"messages\","
        + "\"value\":{\"messaging_product\":\"whatsapp\",\"messages\":[{\"from\":\"5215510101010\",\"id\":\"wamid.reply1\","
        + "\"timestamp\":\"" + java.time.Instant.now().getEpochSecond() + "\",\"type\":\"text\",\"text\":{\"body\":\" ¡Baja! \"}}]}}]}]}";
    assertEquals(200, webhook(reply, HUB.header(reply.getBytes(StandardCharsets.UTF_8))).statusCode());
    assertEquals(200, webhook(reply, HUB.header(reply.getBytes(StandardCharsets.UTF_8))).statusCode());
    assertEquals(1, status(first).getJsonObject("counts").getInteger("replied"));
    assertEquals(2, server.count("SELECT count(*) FROM contact_opt_out o JOIN debtor d ON d.id = o.debtor_id WHERE d.external_id = 'W-10'"),
        "WhatsApp and SMS");
    assertEquals(1, logKinds("W-10").stream().filter("message_reply"::equals).count(), "the retried reply is logged once");
    assertTrue(logKinds("W-10").contains("opt_out"));

    long second = createCampaign(new JsonObject().put("name", "Aviso 2").put("channel", "whatsapp").put("template", "aviso_webhook")
        .put("debtors", new JsonArray().add("W-10")));
    assertEquals(new JsonObject().put("opted_out", 1), awaitDone(second).getJsonObject("skipped"));
    assertEquals(1, sentTo("525510101010"), "only the first campaign reached the debtor");

    HttpResponse<String> challenge = get("/api/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=12345");
    assertEquals(200, challenge.statusCode());
    assertEquals("12345", challenge.body());
    assertEquals(403, get("/api/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=12345").statusCode());
  }

  @Test
  void smsGoesAsTheProvidersFormAndItsSignedCallbacksUpdateTheCampaign() throws Exception {
    importDebtors("S-1,Fabiola Gil,55 3030 3030,si,,L-30,1250,1");
    createTemplate("sms", "sms_aviso", "Hola {nombre}, tu saldo es {saldo}.");
    long id = createCampaign(new JsonObject().put("name", "SMS").put("channel", "sms").put("template", "sms_aviso")
        .put("debtors", new JsonArray().add("S-1")));
    assertEquals(counts(1, 1, 0, 0, 0, 0, 0), awaitDone(id).getJsonObject("counts"));
    List<LoggedRequest> sent = providers.findAll(postRequestedFor(urlPathEqualTo(SMS_PATH)));
    assertEquals(1, sent.size());
    LoggedRequest r = sent.get(0);
    assertEquals("Basic " + java.util.Base64.getEncoder().encodeToString("AC123:sms-token".getBytes(StandardCharsets.UTF_8)),
        r.getHeader("Authorization"));
    assertTrue(r.getHeader("Content-Type").startsWith("application/x-www-form-urlencoded"), r.getHeader("Content-Type"));
    Map<String, String> form = new LinkedHashMap<>();
    form.put("To", "+525530303030");
    form.put("From", "+15005550006");
    form.put("Body", "Hola Fabiola, tu saldo es $1,250.00.");
    form.put("StatusCallback", PUBLIC_URL + "/api/webhooks/sms");
    assertEquals(form, parseForm(r.getBodyAsString()));

    String sid = providerId("S-1", id);
    Map<String, String> callback = Map.of("MessageSid", sid, "MessageStatus", "delivered", "AccountSid", "AC123");
    String url = PUBLIC_URL + "/api/webhooks/sms";
    assertEquals(401, smsCallback(callback, null).statusCode());
    assertEquals(401, smsCallback(callback, new TwilioSignature("other-token").sign(url, callback)).statusCode());
    assertEquals(0, status(id).getJsonObject("counts").getInteger("delivered"));
    assertEquals(200, smsCallback(callback, TWILIO.sign(url, callback)).statusCode());
    assertEquals(200, smsCallback(callback, TWILIO.sign(url, callback)).statusCode());
    assertEquals(counts(1, 1, 1, 0, 0, 0, 0), status(id).getJsonObject("counts"));
  }

  @Test
  void anSmsStopReplyIsSignedRecordedOnceAndStopsBothPhoneChannels() throws Exception {
    importDebtors("S-5,Sergio Alto,55 3535 3535,si,,L-35,700,1");
    createTemplate("sms", "sms_alto", "Hola {nombre}, tu saldo es {saldo}.");
    long first = createCampaign(new JsonObject().put("name", "SMS alto").put("channel", "sms").put("template", "sms_alto")
        .put("debtors", new JsonArray().add("S-5")));
    assertEquals(1, awaitDone(first).getJsonObject("counts").getInteger("sent"));

    // Twilio's incoming SMS: the number as the network gives it, the text as typed.
    Map<String, String> stop = Map.of("MessageSid", "SMin0000000000000000000000000001", "SmsStatus", "received",
        "From", "+525535353535", "To", "+15005550006", "Body", " Stop ", "AccountSid", "AC123");
    String url = PUBLIC_URL + "/api/webhooks/sms";
    assertEquals(401, smsCallback(stop, null).statusCode());
    assertEquals(401, smsCallback(stop, TWILIO.sign(url + "?x=1", stop)).statusCode(), "signed for another URL");
    Map<String, String> otherBody = new java.util.HashMap<>(stop);
    otherBody.put("Body", "Hola");
    assertEquals(401, smsCallback(otherBody, TWILIO.sign(url, stop)).statusCode(), "the signature covers the parameters");
    assertEquals(0, server.count("SELECT count(*) FROM inbound_message WHERE channel = 'sms'"), "a refused callback changes nothing");
    assertEquals(0, server.count("SELECT count(*) FROM contact_opt_out o JOIN debtor d ON d.id = o.debtor_id WHERE d.external_id = 'S-5'"));

    HttpResponse<String> ok = smsCallback(stop, TWILIO.sign(url, stop));
    assertEquals(200, ok.statusCode(), ok.body());
    assertEquals(1, new JsonObject(ok.body()).getInteger("new"));
    HttpResponse<String> retried = smsCallback(stop, TWILIO.sign(url, stop));
    assertEquals(200, retried.statusCode(), retried.body());
    assertEquals(0, new JsonObject(retried.body()).getInteger("new"), "a retried callback is recorded once");
    assertEquals(1, status(first).getJsonObject("counts").getInteger("replied"));
    assertEquals(2, server.count("SELECT count(*) FROM contact_opt_out o JOIN debtor d ON d.id = o.debtor_id WHERE d.external_id = 'S-5'"
        + " AND o.channel IN ('sms', 'whatsapp')"), "SMS and WhatsApp");
    assertEquals(1, logKinds("S-5").stream().filter("message_reply"::equals).count(), logKinds("S-5").toString());
    assertEquals(2, logKinds("S-5").stream().filter("opt_out"::equals).count(), logKinds("S-5").toString());

    createTemplate("whatsapp", "aviso_alto", "Hola {nombre}");
    long sms = createCampaign(new JsonObject().put("name", "SMS alto 2").put("channel", "sms").put("template", "sms_alto")
        .put("debtors", new JsonArray().add("S-5")));
    long whatsApp = createCampaign(new JsonObject().put("name", "WA alto").put("channel", "whatsapp").put("template", "aviso_alto")
        .put("debtors", new JsonArray().add("S-5")));
    assertEquals(new JsonObject().put("opted_out", 1), awaitDone(sms).getJsonObject("skipped"));
    assertEquals(new JsonObject().put("opted_out", 1), awaitDone(whatsApp).getJsonObject("skipped"));
    assertEquals(1, providers.findAll(postRequestedFor(urlPathEqualTo(SMS_PATH))
        .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("To=%2B525535353535"))).size(),
        "only the first campaign reached the debtor");
    assertEquals(0, sentTo("525535353535"));

    // A reply from a number no debtor has is kept, but touches no one's file and opts no one out.
    Map<String, String> stranger = Map.of("MessageSid", "SMin0000000000000000000000000002", "SmsStatus", "received",
        "From", "+525599999999", "To", "+15005550006", "Body", "BAJA", "AccountSid", "AC123");
    long optOuts = server.count("SELECT count(*) FROM contact_opt_out");
    assertEquals(200, smsCallback(stranger, TWILIO.sign(url, stranger)).statusCode());
    assertEquals(1, server.count("SELECT count(*) FROM inbound_message WHERE from_number = '+525599999999' AND debtor_id IS NULL"));
    assertEquals(optOuts, server.count("SELECT count(*) FROM contact_opt_out"));
  }

  @Test
  void whatsAppFreeTextGoesOnlyWithin24HoursOfTheDebtorsLastMessage() throws Exception {
    importDebtors("F-1,Flor Libre,55 6161 6161,si,,L-61,100,1");
    // No office screen writes free text yet; the queue carries it (a reply to the debtor), so it is queued here as a
    // reply would be, and must pass the same gate.
    long early = queueFreeText("F-1", "Con gusto le ayudamos.");
    assertEquals("skipped", awaitHandled(early));
    assertEquals("outside_24h_window", messageColumn(early, "skip_reason"));
    assertEquals("outside_24h_window", lastLog("F-1", "contact_skipped").getJsonObject("details").getString("reason"));
    assertEquals(0, sentTo("525561616161"));

    String reply = "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"WABA\",\"changes\":[{\"field\":\"messages\","
        + "\"value\":{\"messaging_product\":\"whatsapp\",\"messages\":[{\"from\":\"5215561616161\",\"id\":\"wamid.free1\","
        + "\"timestamp\":\"" + java.time.Instant.now().getEpochSecond() + "\",\"type\":\"text\",\"text\":{\"body\":\"¿Cuánto debo?\"}}]}}]}]}";
    assertEquals(200, webhook(reply, HUB.header(reply.getBytes(StandardCharsets.UTF_8))).statusCode());
    long answer = queueFreeText("F-1", "Su saldo es $100.00.");
    assertEquals("sent", awaitHandled(answer));
    providers.verify(1, postRequestedFor(urlPathEqualTo(WA_PATH)).withRequestBody(equalToJson(new JsonObject()
        .put("messaging_product", "whatsapp").put("recipient_type", "individual").put("to", "525561616161").put("type", "text")
        .put("text", new JsonObject().put("preview_url", false).put("body", "Su saldo es $100.00.")).encode())));
    assertEquals(1, sentTo("525561616161"));
  }

  static long queueFreeText(String debtor, String text) throws Exception {
    try (Connection c = DriverManager.getConnection(server.dbUrl, "postgres", "");
        java.sql.PreparedStatement ps = c.prepareStatement("INSERT INTO outbound_message (debtor_id, channel, free_text, due_at)"
            + " SELECT id, 'whatsapp', ?, now() FROM debtor WHERE external_id = ? RETURNING id")) {
      ps.setString(1, text);
      ps.setString(2, debtor);
      try (ResultSet rs = ps.executeQuery()) {
        assertTrue(rs.next(), "no debtor " + debtor);
        return rs.getLong(1);
      }
    }
  }

  /** The message's state once the dispatcher has handled it (neither queued nor being sent). */
  static String awaitHandled(long message) throws Exception {
    long deadline = System.currentTimeMillis() + 30_000;
    String state = messageColumn(message, "state");
    while (("queued".equals(state) || "sending".equals(state)) && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
      state = messageColumn(message, "state");
    }
    return state;
  }

  static String messageColumn(long message, String column) {
    try (Connection c = DriverManager.getConnection(server.dbUrl); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT " + column + " FROM outbound_message WHERE id = " + message)) {
      assertTrue(rs.next(), "no message " + message);
      return rs.getString(1);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void eMailGoesThroughTheSmtpServer() throws Exception {
    importDebtors("E-1,Gabriel Soto,,si,gabriel@example.mx,L-40,99.90,3");
    createTemplate("email", "Recordatorio de pago", "Estimado {nombre}: su saldo es {saldo}.");
    long id = createCampaign(new JsonObject().put("name", "Correo").put("channel", "email").put("template", "Recordatorio de pago")
        .put("debtors", new JsonArray().add("E-1")));
    assertEquals(counts(1, 1, 0, 0, 0, 0, 0), awaitDone(id).getJsonObject("counts"));
    assertTrue(smtp.waitForIncomingEmail(10_000, 1));
    MimeMessage m = smtp.getReceivedMessages()[0];
    assertEquals("gabriel@example.mx", m.getAllRecipients()[0].toString());
    assertEquals("Recordatorio de pago", m.getSubject());
    assertEquals("Estimado Gabriel: su saldo es $99.90.", GreenMailUtil.getBody(m).strip());
  }

  @Test
  void aProviderRefusalIsRecordedOnTheMessageWithItsReason() throws Exception {
    importDebtors("W-20,Hugo Falla,55 2020 2020,si,,L-20,100,1");
    createTemplate("whatsapp", "aviso_falla", "Hola {nombre}");
    long id = createCampaign(new JsonObject().put("name", "Falla").put("channel", "whatsapp").put("template", "aviso_falla")
        .put("debtors", new JsonArray().add("W-20")));
    assertEquals(counts(1, 0, 0, 0, 0, 1, 0), awaitDone(id).getJsonObject("counts"));
    assertEquals("WhatsApp answered HTTP 400: (#131026) Message undeliverable (code 131026)", column("W-20", id, "failure"));
    assertTrue(logKinds("W-20").contains("message_status"));
  }

  @Test
  void aCampaignsResultsCountTheDebtorsWhoPaidWithinSevenDaysOfTheirMessage() throws Exception {
    importDebtors("R-1,Rita Paga,55 4141 4101,si,,L-R1,1000,5", "R-2,Raúl Tarde,55 4141 4102,si,,L-R2,1000,5",
        "R-3,Rosa Antes,55 4141 4103,si,,L-R3,1000,5", "R-4,Rubén Sin Permiso,55 4141 4104,no,,L-R4,1000,5");
    createTemplate("whatsapp", "aviso_resultados", "Hola {nombre}");
    long id = createCampaign(new JsonObject().put("name", "Resultados").put("channel", "whatsapp")
        .put("template", "aviso_resultados").put("debtors", new JsonArray().add("R-1").add("R-2").add("R-3").add("R-4")));
    assertEquals(3, awaitDone(id).getJsonObject("counts").getInteger("sent"));
    // The campaign went out ten days ago (payments cannot be dated in the future, so the message moves back instead).
    Map<String, Instant> sentAt = new java.util.HashMap<>();
    try (Connection c = DriverManager.getConnection(server.dbUrl, "postgres", "");
        Statement st = c.createStatement()) {
      st.executeUpdate("UPDATE outbound_message SET sent_at = sent_at - interval '10 days' WHERE campaign_id = " + id
          + " AND sent_at IS NOT NULL");
      try (ResultSet rs = st.executeQuery("SELECT d.external_id, m.sent_at FROM outbound_message m JOIN debtor d ON d.id = m.debtor_id"
          + " WHERE m.campaign_id = " + id + " AND m.sent_at IS NOT NULL")) {
        while (rs.next()) {
          sentAt.put(rs.getString(1), rs.getTimestamp(2).toInstant());
        }
      }
    }
    Instant rubenWouldHave = sentAt.get("R-1");
    payment("R-1", "100.00", "RES-1a", sentAt.get("R-1").plus(java.time.Duration.ofDays(3)));
    payment("R-1", "50.00", "RES-1b", sentAt.get("R-1").plus(java.time.Duration.ofDays(7)).minusSeconds(60));
    payment("R-2", "400.00", "RES-2", sentAt.get("R-2").plus(java.time.Duration.ofDays(8)));
    payment("R-3", "300.00", "RES-3", sentAt.get("R-3").minus(java.time.Duration.ofDays(1)));
    payment("R-4", "200.00", "RES-4", rubenWouldHave.plus(java.time.Duration.ofDays(1)));
    assertEquals(new JsonObject().put("paidWithin7Days", 1).put("paidAmount", "150.00")
        .put("paidByCurrency", new JsonObject().put("MXN", "150.00")), status(id).getJsonObject("results"),
        "R-1 twice within the week; not R-2 (day 8), R-3 (before its message), nor R-4 (never messaged)");
    // The fixed shape is untouched beside it.
    assertEquals(Set.of("status", "counts", "skipped", "results"), status(id).fieldNames());
  }

  static void payment(String debtor, String amount, String reference, Instant paidAt) {
    HttpResponse<String> r = request("POST", "/api/payments", new JsonObject().put("debtor", debtor).put("amount", amount)
        .put("currency", "MXN").put("paidAt", paidAt.toString()).put("reference", reference).put("source", "transfer").encode());
    assertEquals(201, r.statusCode(), r.body());
  }

  @Test
  void theWeeklyCapSkipsMessagesBeyondIt() {
    importDebtors("W-30,Inés Tope,55 3131 3131,si,,L-31,100,1");
    createTemplate("whatsapp", "aviso_tope", "Hola {nombre}");
    for (int i = 1; i <= 3; i++) {
      long id = createCampaign(new JsonObject().put("name", "Tope " + i).put("channel", "whatsapp").put("template", "aviso_tope")
          .put("debtors", new JsonArray().add("W-30")));
      JsonObject status = awaitDone(id);
      if (i <= 2) {
        assertEquals(1, status.getJsonObject("counts").getInteger("sent"), status.encode());
      } else {
        assertEquals(new JsonObject().put("weekly_limit", 1), status.getJsonObject("skipped"));
      }
    }
    assertEquals(2, sentTo("525531313131"));
  }

  @Test
  void aPaymentLinkInAMessageOpensThatDebtorsPaymentPage() throws Exception {
    importDebtors("L-1,Rosa Liga,55 5151 5151,si,,L-51,3200,4");
    createTemplate("whatsapp", "aviso_liga", "Hola {nombre}, paga aquí: {liga_pago}");
    long id = createCampaign(new JsonObject().put("name", "Liga").put("channel", "whatsapp").put("template", "aviso_liga")
        .put("debtors", new JsonArray().add("L-1")));
    assertEquals(1, awaitDone(id).getJsonObject("counts").getInteger("sent"));
    List<LoggedRequest> sent = providers.findAll(postRequestedFor(urlPathEqualTo(WA_PATH))
        .withRequestBody(matchingJsonPath("$.to", equalTo("525551515151"))));
    assertEquals(1, sent.size());
    JsonArray parameters = new JsonObject(sent.get(0).getBodyAsString()).getJsonObject("template").getJsonArray("components")
        .getJsonObject(0).getJsonArray("parameters");
    String link = parameters.getJsonObject(1).getString("text");
    assertTrue(link.startsWith(PUBLIC_URL + "/pagar/"), "a signed link on the public address: " + link);
    // The link the debtor got opens their own page on this server: first name and balance, nothing else of theirs.
    HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + link.substring(PUBLIC_URL.length())))
        .GET().build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, page.statusCode(), page.body());
    assertTrue(page.body().contains("Rosa") && !page.body().contains("Liga"), page.body());
    assertTrue(page.body().contains("3,200.00") || page.body().contains("3200.00"), page.body());
    HttpResponse<String> tampered = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl()
        + link.substring(PUBLIC_URL.length(), link.length() - 2) + (link.endsWith("A") ? "BB" : "AA"))).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(404, tampered.statusCode());
  }

  @Test
  void templatesRefuseUnknownVariablesAndPreviewWithOneDebtorsData() {
    HttpResponse<String> unknown = request("POST", "/api/message-templates", new JsonObject().put("name", "malo").put("channel", "sms")
        .put("body", "Hola {nombre}, debes {deuda} y {fecha}").encode());
    assertEquals(400, unknown.statusCode());
    assertTrue(unknown.body().contains("unknown variables {deuda}, {fecha}"), unknown.body());
    assertEquals(400, request("POST", "/api/message-templates", "[1,2]").statusCode());
    assertEquals(400, request("POST", "/api/message-templates", new JsonObject().put("name", "Con Mayúsculas").put("channel", "whatsapp")
        .put("body", "x").encode()).statusCode());

    importDebtors("P-1,Julia Vista,55 4141 4141,si,,L-41,2500,10");
    long id = createTemplate("sms", "vista_previa", "Hola {nombre}, saldo {saldo}, promesa {monto_promesa}");
    assertEquals(409, request("POST", "/api/message-templates", new JsonObject().put("name", "vista_previa").put("channel", "sms")
        .put("body", "otra").encode()).statusCode());
    HttpResponse<String> preview = request("POST", "/api/message-templates/" + id + "/preview", new JsonObject().put("debtor", "P-1").encode());
    assertEquals(200, preview.statusCode(), preview.body());
    JsonObject p = new JsonObject(preview.body());
    assertEquals("Hola Julia, saldo $2,500.00, promesa {monto_promesa}", p.getString("text"));
    assertEquals(new JsonArray().add("monto_promesa"), p.getJsonArray("missing"));
    assertEquals(404, request("POST", "/api/message-templates/" + id + "/preview", new JsonObject().put("debtor", "NOPE").encode()).statusCode());
    JsonArray templates = new JsonObject(request("GET", "/api/message-templates", null).body()).getJsonArray("templates");
    assertTrue(templates.stream().anyMatch(t -> ((JsonObject) t).getString("name").equals("vista_previa")));
  }

  @Test
  void campaignsRefuseBadRequestsAndDebtorsOutsideTheCallersTeams() {
    importDebtors("T-1,Karla Equipo,55 5151 5151,si,,L-51,100,1");
    createTemplate("whatsapp", "aviso_equipo", "Hola {nombre}");
    String dispatcher = server.officeUserInTeam("camp-dispatcher", "dispatcher", "norte");
    HttpResponse<String> r = server.request("POST", "/api/campaigns", dispatcher, new JsonObject().put("name", "x")
        .put("channel", "whatsapp").put("template", "aviso_equipo").put("debtors", new JsonArray().add("T-1")).encode());
    assertEquals(400, r.statusCode());
    assertTrue(r.body().contains("1 unknown debtor: T-1"), r.body());
    HttpResponse<String> both = request("POST", "/api/campaigns", new JsonObject().put("name", "x").put("channel", "whatsapp")
        .put("template", "aviso_equipo").put("debtors", new JsonArray().add("T-1")).put("segment", "a").encode());
    assertEquals(400, both.statusCode());
    assertTrue(both.body().contains("exactly one of debtors"), both.body());
    HttpResponse<String> wrongChannel = request("POST", "/api/campaigns", new JsonObject().put("name", "x").put("channel", "sms")
        .put("template", "aviso_equipo").put("debtors", new JsonArray().add("T-1")).encode());
    assertEquals(400, wrongChannel.statusCode());
    HttpResponse<String> badDate = request("POST", "/api/campaigns", new JsonObject().put("name", "x").put("channel", "whatsapp")
        .put("template", "aviso_equipo").put("debtors", new JsonArray().add("T-1")).put("sendAt", "mañana").encode());
    assertEquals(400, badDate.statusCode());
    assertEquals(0, server.count("SELECT count(*) FROM campaign WHERE name = 'x'"), "nothing was created");
    assertEquals(404, request("GET", "/api/campaigns/999999", null).statusCode());

    // Scheduled: nothing goes before sendAt.
    long later = createCampaign(new JsonObject().put("name", "Luego").put("channel", "whatsapp").put("template", "aviso_equipo")
        .put("debtors", new JsonArray().add("T-1")).put("sendAt", java.time.OffsetDateTime.now().plusDays(1).toString()));
    assertEquals("scheduled", status(later).getString("status"));
  }

  @Test
  void aCampaignOverTenThousandDebtorsReachesEachOnceAndNoOneElse() {
    int n = 10_000;
    StringBuilder csv = new StringBuilder("id,name,phone,acepta_mensajes,segment,product,contract,currency,principal,balance,due_date\n");
    for (int i = 0; i < n; i++) {
      csv.append("M-").append(i).append(",Deudor ").append(i).append(",55 6").append(String.format("%07d", i))
          .append(",si,masivo,micro,LM-").append(i).append(",MXN,100,100,2026-01-01\n");
    }
    HttpResponse<String> imported = postCsv(csv.toString());
    assertEquals(200, imported.statusCode(), imported.body());
    createTemplate("whatsapp", "masivo", "Hola {nombre}");
    long id = createCampaign(new JsonObject().put("name", "Masivo").put("channel", "whatsapp").put("template", "masivo")
        .put("segment", "masivo"));
    JsonObject status = awaitDone(id, 180);
    assertEquals(counts(n, n, 0, 0, 0, 0, 0), status.getJsonObject("counts"));
    List<String> to = providers.findAll(postRequestedFor(urlPathEqualTo(WA_PATH))
        .withRequestBody(matchingJsonPath("$.template.name", equalTo("masivo")))).stream()
        .map(req -> new JsonObject(req.getBodyAsString()).getString("to")).toList();
    assertEquals(n, to.size());
    Set<String> expected = new HashSet<>();
    for (int i = 0; i < n; i++) {
      expected.add("52556" + String.format("%07d", i));
    }
    Set<String> reached = new HashSet<>(to);
    assertEquals(n, reached.size(), "no debtor got two messages");
    reached.removeAll(expected);
    assertEquals(Set.of(), reached, "no one outside the segment got one");
  }

  // ---- helpers ----

  static JsonObject counts(long eligible, long sent, long delivered, long read, long replied, long failed, long skipped) {
    return new JsonObject().put("eligible", eligible).put("sent", sent).put("delivered", delivered).put("read", read)
        .put("replied", replied).put("failed", failed).put("skipped", skipped);
  }

  static JsonObject text(String s) {
    return new JsonObject().put("type", "text").put("text", s);
  }

  /** Rows: id,name,phone,acepta_mensajes,email,contract,balance,days past due. */
  static void importDebtors(String... rows) {
    StringBuilder csv = new StringBuilder("id,name,phone,acepta_mensajes,email,product,contract,currency,principal,balance,due_date\n");
    LocalDate today = LocalDate.now(ZoneId.of("America/Mexico_City"));
    for (String row : rows) {
      String[] c = row.split(",", -1);
      csv.append(String.join(",", c[0], c[1], c[2], c[3], c[4], "micro", c[5], "MXN", c[6], c[6],
          today.minusDays(Integer.parseInt(c[7])).toString())).append('\n');
    }
    HttpResponse<String> r = postCsv(csv.toString());
    assertEquals(200, r.statusCode(), r.body());
    assertEquals(0, new JsonObject(r.body()).getInteger("rejectedCount"), r.body());
  }

  static HttpResponse<String> postCsv(String csv) {
    try {
      return http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/debtors/import"))
          .header("Authorization", "Bearer " + server.adminToken()).header("Content-Type", "text/csv")
          .POST(HttpRequest.BodyPublishers.ofString(csv)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  static long createTemplate(String channel, String name, String body) {
    HttpResponse<String> r = request("POST", "/api/message-templates", new JsonObject().put("name", name).put("channel", channel)
        .put("language", "es_MX").put("body", body).encode());
    assertEquals(201, r.statusCode(), r.body());
    return new JsonObject(r.body()).getLong("id");
  }

  static long createCampaign(JsonObject body) {
    HttpResponse<String> r = request("POST", "/api/campaigns", body.encode());
    assertEquals(201, r.statusCode(), r.body());
    return new JsonObject(r.body()).getLong("id");
  }

  static JsonObject status(long id) {
    HttpResponse<String> r = request("GET", "/api/campaigns/" + id, null);
    assertEquals(200, r.statusCode(), r.body());
    return new JsonObject(r.body());
  }

  static JsonObject awaitDone(long id) {
    return awaitDone(id, 30);
  }

  static JsonObject awaitDone(long id, int seconds) {
    long deadline = System.currentTimeMillis() + seconds * 1000L;
    JsonObject s = status(id);
    while (!"done".equals(s.getString("status")) && System.currentTimeMillis() < deadline) {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
      s = status(id);
    }
    assertEquals("done", s.getString("status"), s.encode());
    return s;
  }

  static HttpResponse<String> request(String method, String path, String body) {
    return server.request(method, path, server.adminToken(), body);
  }

  static HttpResponse<String> get(String path) {
    return server.request("GET", path, null, null);
  }

  static HttpResponse<String> webhook(String body, String signature) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/webhooks/whatsapp"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    if (signature != null) {
      b.header("X-Hub-Signature-256", signature);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> smsCallback(Map<String, String> params, String signature) throws Exception {
    String form = params.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/webhooks/sms"))
        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form));
    if (signature != null) {
      b.header("X-Twilio-Signature", signature);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static Map<String, String> parseForm(String body) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      out.put(java.net.URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return out;
  }

  static String statusNotification(String wamid, String status) {
    return "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"WABA\",\"changes\":[{\"field\":\"messages\",\"value\":"
        + "{\"messaging_product\":\"whatsapp\",\"statuses\":[{\"id\":\"" + wamid + "\",\"status\":\"" + status + "\","
        + "\"timestamp\":\"" + java.time.Instant.now().getEpochSecond() + "\",\"recipient_id\":\"525510101010\"}]}}]}]}";
  }

  static long sentTo(String to) {
    return providers.findAll(postRequestedFor(urlPathEqualTo(WA_PATH)).withRequestBody(matchingJsonPath("$.to", equalTo(to)))).size();
  }

  static String providerId(String debtor, long campaign) {
    return column(debtor, campaign, "provider_message_id");
  }

  static String column(String debtor, long campaign, String column) {
    try (Connection c = DriverManager.getConnection(server.dbUrl); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT m." + column + " FROM outbound_message m JOIN debtor d ON d.id = m.debtor_id"
            + " WHERE d.external_id = '" + debtor + "' AND m.campaign_id = " + campaign)) {
      assertTrue(rs.next(), "no message to " + debtor + " in campaign " + campaign);
      return rs.getString(1);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<String> logKinds(String debtor) {
    return log(debtor).stream().map(e -> ((JsonObject) e).getString("kind")).toList();
  }

  static JsonObject lastLog(String debtor, String kind) {
    JsonObject last = null;
    for (Object e : log(debtor)) {
      if (kind.equals(((JsonObject) e).getString("kind"))) {
        last = (JsonObject) e;
      }
    }
    assertTrue(last != null, "no " + kind + " in the log of " + debtor);
    return last;
  }

  static JsonArray log(String debtor) {
    HttpResponse<String> r = request("GET", "/api/debtors/" + debtor + "/log", null);
    assertEquals(200, r.statusCode(), r.body());
    return new JsonObject(r.body()).getJsonArray("entries");
  }
}
