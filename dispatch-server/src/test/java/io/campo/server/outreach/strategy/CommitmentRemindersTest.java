package io.campo.server.outreach.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.campo.server.TestServer;
import io.campo.server.api.ApiException;
import io.campo.server.config.CampoConfig;
import io.campo.server.database.Database;
import io.campo.server.outreach.campaign.Campaigns;
import io.campo.server.outreach.channel.Channel;
import io.campo.server.outreach.template.MessageTemplates;
import io.campo.server.outreach.template.TemplateDraft;
import io.campo.server.payments.PaymentEntry;
import io.campo.server.payments.PaymentLedger;
import io.campo.server.payments.PaymentSource;
import io.campo.server.payments.agreement.AgreementTerms;
import io.campo.server.payments.agreement.Agreements;
import io.campo.server.portfolio.E164Phones;
import io.campo.server.portfolio.PortfolioImport;
import io.campo.server.team.DebtorScope;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue #15's "promise or installment due tomorrow -> reminder": the daily strategies select the debtors with an open
 * promise dated tomorrow, and those with an agreement installment dated tomorrow that the ledger has not covered.
 */
class CommitmentRemindersTest {

  static final ZoneId MEXICO = ZoneId.of("America/Mexico_City");
  static final LocalDate TODAY = LocalDate.of(2026, 7, 6);
  static final Instant NOW = LocalDateTime.of(2026, 7, 6, 0, 30).atZone(MEXICO).toInstant();

  Database database;
  Strategies strategies;

  @BeforeEach
  void start() throws Exception {
    database = new Database(CampoConfig.from(TestServer.env(TestServer.freshDatabaseUrl()))).start();
    strategies = new Strategies(database.dataSource(), new Campaigns(database.dataSource()));
    String csv = "id,name,phone,acepta_mensajes,segment,product,contract,currency,principal,balance,due_date\n"
        + "C-1,Uno,55 8200 0001,si,temprana,micro,LC-1,MXN,1000,500,2026-06-01\n"   // installment tomorrow, unpaid
        + "C-2,Dos,55 8200 0002,si,temprana,micro,LC-2,MXN,1000,500,2026-06-01\n"   // installment tomorrow, paid today
        + "C-3,Tres,55 8200 0003,si,temprana,micro,LC-3,MXN,1000,500,2026-06-01\n"  // installment the day after
        + "C-4,Cuatro,55 8200 0004,si,temprana,micro,LC-4,MXN,1000,500,2026-06-01\n" // proposed only, not confirmed
        + "C-5,Cinco,55 8200 0005,si,temprana,micro,LC-5,MXN,1000,500,2026-06-01\n"  // a page promise for tomorrow
        + "C-6,Seis,55 8200 0006,si,tardia,micro,LC-6,MXN,1000,500,2026-06-01\n"     // another segment
        + "C-7,Siete,55 8200 0007,si,temprana,micro,LC-7,MXN,1000,500,2026-06-01\n"; // first installment missed, 2nd tomorrow
    new PortfolioImport(database.dataSource(), new E164Phones("MX"))
        .csv(csv.getBytes(StandardCharsets.UTF_8), "test", DebtorScope.ALL, "import-c", (done, total) -> {});
    var reading = TemplateDraft.read(new JsonObject().put("name", "recordatorio").put("channel", "whatsapp")
        .put("body", "Hola {nombre}, mañana vence tu pago"), false);
    new MessageTemplates(database.dataSource()).create(((TemplateDraft.Valid) reading).draft(), "test");
  }

  @AfterEach
  void stop() throws Exception {
    database.close();
  }

  @Test
  void installmentAndPromiseRemindersSelectTomorrowsOpenCommitmentsOnly() throws Exception {
    Agreements today = new Agreements(database.dataSource(), Clock.fixed(NOW, MEXICO), MEXICO, 5);
    today.create("C-1", terms("LC-1", TODAY.plusDays(1), TODAY.plusDays(31)), "desp", DebtorScope.ALL);
    today.create("C-2", terms("LC-2", TODAY.plusDays(1)), "desp", DebtorScope.ALL);
    today.create("C-3", terms("LC-3", TODAY.plusDays(2)), "desp", DebtorScope.ALL);
    today.create("C-6", terms("LC-6", TODAY.plusDays(1)), "desp", DebtorScope.ALL);
    try (Connection c = database.dataSource().getConnection()) {
      Agreements.propose(c, debtorId(c, "C-4"), 990_004L, "ana", terms("LC-4", TODAY.plusDays(1)), NOW);
    }
    // C-7's agreement was made a month ago: its first installment was missed, its second is due tomorrow.
    new Agreements(database.dataSource(), Clock.fixed(NOW.minusSeconds(31L * 86_400), MEXICO), MEXICO, 5)
        .create("C-7", terms("LC-7", TODAY.minusDays(30), TODAY.plusDays(1)), "desp", DebtorScope.ALL);
    new PaymentLedger(database.dataSource()).record(new PaymentEntry("C-2", null, new BigDecimal("100.00"), "MXN",
        NOW.plusSeconds(60), "SPEI-C2", PaymentSource.TRANSFER), "test", DebtorScope.ALL);
    try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
      s.execute("INSERT INTO page_promise (debtor_id, amount, currency, due_date, made_at) SELECT id, 300.00, 'MXN', '"
          + TODAY.plusDays(1) + "', '" + NOW.minusSeconds(3600) + "' FROM debtor WHERE external_id = 'C-5'");
    }

    JsonObject created = strategies.create(new JsonObject().put("name", "cuota mañana").put("segment", "temprana")
        .put("rule", "installment_due_tomorrow").put("channel", "whatsapp").put("template", "recordatorio"), "test");
    assertEquals("installment_due_tomorrow", created.getString("rule"));
    strategies.create(new JsonObject().put("name", "promesa mañana").put("rule", "promise_due_tomorrow")
        .put("channel", "whatsapp").put("template", "recordatorio"), "test");
    strategies.create(new JsonObject().put("name", "cuota mañana, visita").put("rule", "installment_due_tomorrow")
        .put("kind", "visit").put("valueFactor", 2), "test");

    assertEquals(3, strategies.runDay(TODAY, NOW));
    assertEquals(List.of("C-1", "C-7"), recipients("cuota mañana"),
        "unpaid, confirmed, dated tomorrow, in the segment; not C-2 (paid), C-3 (later), C-4 (proposed), C-6 (segment)");
    assertEquals(List.of("C-5"), recipients("promesa mañana"), "a promise, not an installment");
    assertEquals(List.of("C-1", "C-6", "C-7"), queuedVisits(), "the visit step takes every segment");
    assertEquals(0, strategies.runDay(TODAY, NOW), "once per day");
  }

  @Test
  void anUnknownRuleIsRefusedNamingTheRules() {
    ApiException e = assertThrows(ApiException.class, () -> strategies.create(new JsonObject().put("name", "x")
        .put("rule", "cuota_manana").put("channel", "whatsapp").put("template", "recordatorio"), "test"));
    assertTrue(e.getMessage().contains("installment_due_tomorrow"), e.getMessage());
  }

  static AgreementTerms terms(String contract, LocalDate... dates) {
    JsonArray installments = new JsonArray();
    for (LocalDate d : dates) {
      installments.add(new JsonObject().put("date", d.toString()).put("amount", "100.00"));
    }
    List<String> problems = new ArrayList<>();
    AgreementTerms terms = AgreementTerms.read(new JsonObject().put("contracts", new JsonArray().add(contract))
        .put("installments", installments), "", dates[0], problems);
    assertEquals(List.of(), problems);
    return terms;
  }

  static long debtorId(Connection c, String externalId) throws Exception {
    try (PreparedStatement ps = c.prepareStatement("SELECT id FROM debtor WHERE external_id = ?")) {
      ps.setString(1, externalId);
      try (ResultSet rs = ps.executeQuery()) {
        assertTrue(rs.next(), externalId);
        return rs.getLong(1);
      }
    }
  }

  List<String> recipients(String strategy) throws Exception {
    return strings("SELECT d.external_id FROM outbound_message m JOIN campaign k ON k.id = m.campaign_id"
        + " JOIN debtor d ON d.id = m.debtor_id WHERE k.strategy = '" + strategy + "' ORDER BY 1");
  }

  List<String> queuedVisits() throws Exception {
    return strings("SELECT d.external_id FROM strategy_visit v JOIN debtor d ON d.id = v.debtor_id ORDER BY 1");
  }

  List<String> strings(String sql) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }
}
