package io.campo.server.outreach;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.campo.server.TestServer;
import io.campo.server.config.CampoConfig;
import io.campo.server.config.OutreachSettings;
import io.campo.server.database.Database;
import io.campo.server.outreach.campaign.CampaignRequest;
import io.campo.server.outreach.campaign.Campaigns;
import io.campo.server.outreach.channel.Channel;
import io.campo.server.outreach.channel.WhatsAppCloudSender;
import io.campo.server.outreach.compliance.ContactGate;
import io.campo.server.outreach.compliance.ContactPolicy;
import io.campo.server.outreach.compliance.ContactWindow;
import io.campo.server.outreach.dispatch.MessageDispatcher;
import io.campo.server.outreach.dispatch.SendQueue;
import io.campo.server.outreach.template.MessageTemplates;
import io.campo.server.outreach.template.TemplateDraft;
import io.campo.server.outreach.template.TemplateValues;
import io.campo.server.portfolio.E164Phones;
import io.campo.server.portfolio.PortfolioImport;
import io.campo.server.team.DebtorScope;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.client.WebClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The send queue and its dispatcher on a real PostgreSQL and a real HTTP provider fake, with a clock the test moves:
 * a message due outside the contact hours waits and goes when the window opens; a node that died mid-send leaves
 * nothing to be sent twice; two dispatchers draining one queue reach each debtor once.
 */
class ContactHoursDispatchTest {

  static final ZoneId MEXICO = ZoneId.of("America/Mexico_City");
  static final String PATH = "/v21.0/42/messages";

  WireMockServer provider;
  Database database;
  Vertx vertx;
  WebClient web;
  final MovableClock clock = new MovableClock(at(2026, 7, 4, 21, 30)); // a Saturday evening

  @BeforeEach
  void start() throws Exception {
    provider = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    provider.start();
    provider.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(200).withTransformers("response-template")
        .withBody("{\"messages\":[{\"id\":\"wamid.{{randomValue length=24 type='ALPHANUMERIC'}}\"}]}")));
    database = new Database(CampoConfig.from(TestServer.env(TestServer.freshDatabaseUrl()))).start();
    vertx = Vertx.vertx();
    web = WebClient.create(vertx);
  }

  @AfterEach
  void stop() throws Exception {
    web.close();
    vertx.close().await(10, TimeUnit.SECONDS);
    database.close();
    provider.stop();
  }

  @Test
  void aMessageDueOutsideContactHoursWaitsAndGoesWhenTheWindowOpens() throws Exception {
    importDebtors(1);
    long campaign = campaign("Fin de semana");
    MessageDispatcher dispatcher = dispatcher();

    assertEquals(0, drain(dispatcher), "Saturday 21:30 is after 20:00");
    assertEquals(0, provider.findAll(postRequestedFor(urlPathEqualTo(PATH))).size());
    assertEquals("running", status(campaign).getString("status"));
    // Sunday is a rest day: the message waits for Monday 08:00, not Sunday 08:00.
    clock.set(at(2026, 7, 5, 12, 0));
    assertEquals(0, drain(dispatcher));
    clock.set(at(2026, 7, 6, 7, 59));
    assertEquals(0, drain(dispatcher));
    clock.set(at(2026, 7, 6, 8, 0));
    assertEquals(1, drain(dispatcher));
    assertEquals(1, provider.findAll(postRequestedFor(urlPathEqualTo(PATH))).size());
    assertEquals("done", status(campaign).getString("status"));
    assertEquals(1, status(campaign).getJsonObject("counts").getInteger("sent"));
  }

  @Test
  void aNodeThatDiedMidSendLeavesNothingToBeSentTwice() throws Exception {
    clock.set(at(2026, 7, 6, 10, 0));
    importDebtors(50);
    long campaign = campaign("Caída");
    SendQueue queue = queue();
    // A node claims 20 messages and dies before it records what the provider said.
    List<SendQueue.Ready> lost = queue.next(20, clock.instant());
    assertEquals(20, lost.size());

    MessageDispatcher survivor = dispatcher();
    assertEquals(30, drain(survivor), "the others go at once");
    assertEquals("running", status(campaign).getString("status"), "the lost ones are still leased");
    clock.set(clock.instant().plus(Duration.ofMinutes(6)));
    assertEquals(0, drain(survivor));
    JsonObject s = status(campaign);
    assertEquals("done", s.getString("status"));
    assertEquals(30, s.getJsonObject("counts").getInteger("sent"));
    assertEquals(20, s.getJsonObject("counts").getInteger("failed"), "failed as interrupted, never sent again");
    assertEquals(30, provider.findAll(postRequestedFor(urlPathEqualTo(PATH))).size());
  }

  @Test
  void twoDispatchersOnOneQueueReachEachDebtorOnce() throws Exception {
    clock.set(at(2026, 7, 6, 10, 0));
    importDebtors(2_000);
    long campaign = campaign("Dos nodos");
    MessageDispatcher a = new MessageDispatcher(vertx, queue(), Map.of(Channel.WHATSAPP, sender()), clock,
        new MessageDispatcher.Pace(100, 16, 1));
    MessageDispatcher b = new MessageDispatcher(vertx, queue(), Map.of(Channel.WHATSAPP, sender()), clock,
        new MessageDispatcher.Pace(100, 16, 1));
    var fa = a.drain();
    var fb = b.drain();
    int sent = fa.await(60, TimeUnit.SECONDS) + fb.await(60, TimeUnit.SECONDS);
    assertEquals(2_000, sent);
    List<String> to = provider.findAll(postRequestedFor(urlPathEqualTo(PATH))).stream()
        .map(r -> new JsonObject(r.getBodyAsString()).getString("to")).toList();
    assertEquals(2_000, to.size());
    assertEquals(2_000, Set.copyOf(to).size(), "no debtor twice");
    assertEquals(2_000, status(campaign).getJsonObject("counts").getInteger("sent"));
  }

  @Test
  void aStandingStrategyMakesItsCampaignOncePerDayForTheDebtorsItsRuleSelects() throws Exception {
    clock.set(at(2026, 7, 6, 0, 30));
    String header = "id,name,phone,acepta_mensajes,segment,product,contract,currency,principal,balance,due_date\n";
    String csv = header
        + "ST-1,Uno,55 8100 0001,si,temprana,micro,LS-1,MXN,100,100,2026-07-09\n"   // due in 3 days
        + "ST-2,Dos,55 8100 0002,si,temprana,micro,LS-2,MXN,100,100,2026-07-10\n"   // due in 4 days
        + "ST-3,Tres,55 8100 0003,si,tardia,micro,LS-3,MXN,100,100,2026-07-09\n"    // another segment
        + "ST-4,Cuatro,55 8100 0004,si,temprana,micro,LS-4,MXN,100,0,2026-07-09\n"; // nothing owed
    new PortfolioImport(database.dataSource(), new E164Phones("MX"))
        .csv(csv.getBytes(StandardCharsets.UTF_8), "test", DebtorScope.ALL, "import-s", (done, total) -> {});
    campaign("plantilla"); // creates the template "horario" (the campaign itself selects no one: segment "horas")
    Campaigns campaigns = new Campaigns(database.dataSource());
    io.campo.server.outreach.strategy.Strategies strategies = new io.campo.server.outreach.strategy.Strategies(database.dataSource(), campaigns);
    JsonObject created = strategies.create(new JsonObject().put("name", "3 días antes").put("segment", "temprana")
        .put("rule", "days_from_due").put("offsetDays", -3).put("channel", "whatsapp").put("template", "horario"), "test");
    assertEquals("days_from_due", created.getString("rule"));

    LocalDateTime today = LocalDateTime.of(2026, 7, 6, 0, 30);
    assertEquals(1, strategies.runDay(today.toLocalDate(), clock.instant()));
    assertEquals(0, strategies.runDay(today.toLocalDate(), clock.instant()), "once per day");
    MessageDispatcher dispatcher = dispatcher();
    assertEquals(0, drain(dispatcher), "00:30 is outside the contact hours");
    clock.set(at(2026, 7, 6, 8, 0));
    assertEquals(1, drain(dispatcher));
    List<String> to = provider.findAll(postRequestedFor(urlPathEqualTo(PATH))).stream()
        .map(r -> new JsonObject(r.getBodyAsString()).getString("to")).toList();
    assertEquals(List.of("525581000001"), to);
  }

  // ---- helpers ----

  static Instant at(int y, int m, int d, int h, int min) {
    return LocalDateTime.of(y, m, d, h, min).atZone(MEXICO).toInstant();
  }

  int drain(MessageDispatcher dispatcher) throws Exception {
    return dispatcher.drain().await(60, TimeUnit.SECONDS);
  }

  void importDebtors(int n) throws Exception {
    StringBuilder csv = new StringBuilder("id,name,phone,acepta_mensajes,segment,product,contract,currency,principal,balance,due_date\n");
    for (int i = 0; i < n; i++) {
      csv.append("H-").append(i).append(",Deudor ").append(i).append(",55 7").append(String.format("%07d", i))
          .append(",si,horas,micro,LH-").append(i).append(",MXN,100,100,2026-06-01\n");
    }
    new PortfolioImport(database.dataSource(), new E164Phones("MX"))
        .csv(csv.toString().getBytes(StandardCharsets.UTF_8), "test", DebtorScope.ALL, "import-1", (done, total) -> {});
  }

  long campaign(String name) throws Exception {
    MessageTemplates templates = new MessageTemplates(database.dataSource());
    Optional<io.campo.server.outreach.template.MessageTemplate> t = templates.byName(Channel.WHATSAPP, "horario");
    if (t.isEmpty()) {
      var reading = TemplateDraft.read(new JsonObject().put("name", "horario").put("channel", "whatsapp").put("body", "Hola {nombre}"),
          false);
      t = templates.create(((TemplateDraft.Valid) reading).draft(), "test");
    }
    var request = ((CampaignRequest.Valid) CampaignRequest.read(new JsonObject().put("name", name).put("channel", "whatsapp")
        .put("template", "horario").put("segment", "horas"), clock.instant())).request();
    return new Campaigns(database.dataSource()).create(request, DebtorScope.ALL, "test", clock.instant().atZone(MEXICO).toLocalDate(),
        null).id();
  }

  JsonObject status(long campaign) throws Exception {
    return new Campaigns(database.dataSource()).status(campaign, clock.instant(), DebtorScope.ALL, "test").orElseThrow();
  }

  SendQueue queue() {
    OutreachSettings.ContactRules rules = new OutreachSettings.ContactRules(8 * 60, 20 * 60, Set.of(DayOfWeek.SUNDAY), 3);
    return new SendQueue(database.dataSource(), new ContactGate(new ContactPolicy(new ContactWindow(rules, MEXICO), 3)),
        new TemplateValues(Optional.empty()), c -> c == Channel.WHATSAPP, MEXICO);
  }

  WhatsAppCloudSender sender() {
    return new WhatsAppCloudSender(web, new OutreachSettings.WhatsApp(provider.baseUrl(), "21.0", "42", "token", null, null),
        Duration.ofSeconds(10));
  }

  MessageDispatcher dispatcher() {
    return new MessageDispatcher(vertx, queue(), Map.of(Channel.WHATSAPP, sender()), clock, MessageDispatcher.Pace.DEFAULT);
  }

  /** A clock the test sets; read from the dispatcher's threads. */
  static final class MovableClock extends Clock {
    private volatile Instant now;

    MovableClock(Instant now) {
      this.now = now;
    }

    void set(Instant now) {
      this.now = now;
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneId.of("UTC");
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
