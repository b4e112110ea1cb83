package io.campo.server.payments.page;

import io.campo.server.api.ApiException;
import io.campo.server.payments.PaymentEntry;
import io.campo.server.payments.PaymentLedger;
import io.campo.server.payments.PaymentSource;
import io.campo.server.team.DebtorScope;
import io.campo.server.team.TeamScope;
import io.github.bucket4j.Bucket;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The debtor's side of payments: {@code GET /pagar/{token}} (the page), {@code GET /pagar/{token}/checkout?moneda=}
 * (to the provider's checkout), {@code POST /api/webhooks/mercadopago} (the provider's report, signature checked,
 * into the ledger); and the office's {@code POST /api/debtors/{id}/payment-link}. The public routes are mounted before
 * the API's bearer check, with their own small body limit and, for the pages, a per-address rate limit.
 */
public final class PaymentPageHandlers {

  /** A webhook is a small JSON document; this much is all a stranger can make the server hold. */
  static final int WEBHOOK_BODY_BYTES = 16 * 1024;
  /** Page views per address and minute: a person reloading is far below, a scanner of tokens far above. */
  static final int PAGE_REQUESTS_PER_MINUTE = 30;
  public static final String WEBHOOK_PATH = "/api/webhooks/mercadopago";
  /** The promise form is a date, an amount and a currency: a few dozen bytes. */
  static final int PROMISE_BODY_BYTES = 2 * 1024;

  private static final Logger log = LoggerFactory.getLogger(PaymentPageHandlers.class);

  private final Vertx vertx;
  private final DataSource dataSource;
  private final PaymentLinkToken tokens;
  private final SignedPaymentLinks links;
  private final CheckoutProvider checkout;
  private final PaymentLedger ledger;
  private final TeamScope scope;
  private final Clock clock;
  private final ZoneId zone;
  private final PagePromises promises;
  private final Map<String, Bucket> byAddress = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
      return size() > 100_000;
    }
  });

  /** @param checkout null when no provider is configured: the page then offers the cash reference only */
  public PaymentPageHandlers(Vertx vertx, DataSource dataSource, PaymentLinkToken tokens, SignedPaymentLinks links,
      CheckoutProvider checkout, PaymentLedger ledger, TeamScope scope, Clock clock, ZoneId zone, PagePromises promises) {
    this.promises = promises;
    this.vertx = vertx;
    this.dataSource = dataSource;
    this.tokens = tokens;
    this.links = links;
    this.checkout = checkout;
    this.ledger = ledger;
    this.scope = scope;
    this.clock = clock;
    this.zone = zone;
  }

  /** Registers the public routes; call before the {@code /api/*} bearer check. */
  public void mount(Router router) {
    router.route("/pagar/*").handler(this::throttle);
    router.get("/pagar/:token").handler(this::page);
    router.get("/pagar/:token/checkout").handler(this::checkout);
    router.post("/pagar/:token/promesa").handler(BodyHandler.create(false).setBodyLimit(PROMISE_BODY_BYTES)).handler(this::promise);
    router.post(WEBHOOK_PATH).handler(BodyHandler.create(false).setBodyLimit(WEBHOOK_BODY_BYTES)).handler(this::webhook);
  }

  /** {@code POST /api/debtors/{externalId}/payment-link} → {@code {"url", "expiresAt"}}. */
  public void issue(RoutingContext ctx) {
    String externalId = ctx.pathParam("externalId");
    DebtorScope caller = scope.debtorScope(ctx.user().principal());
    String base = links.publicUrl() != null ? links.publicUrl() : ctx.request().scheme() + "://" + ctx.request().authority();
    vertx.executeBlocking(() -> {
      long id = debtorId(externalId, caller);
      return links.issueAt(base, id);
    }, false).onSuccess(link -> {
      ctx.response().setStatusCode(201);
      ctx.json(new JsonObject().put("url", link.url()).put("expiresAt", link.expiresAt().toString()));
    }).onFailure(ctx::fail);
  }

  private void throttle(RoutingContext ctx) {
    String address = ctx.request().remoteAddress() == null ? "?" : ctx.request().remoteAddress().host();
    Bucket bucket = byAddress.computeIfAbsent(address, a -> Bucket.builder()
        .addLimit(l -> l.capacity(PAGE_REQUESTS_PER_MINUTE).refillGreedy(PAGE_REQUESTS_PER_MINUTE, Duration.ofMinutes(1))).build());
    if (bucket.tryConsume(1)) {
      ctx.next();
    } else {
      ctx.response().putHeader("Retry-After", "60");
      html(ctx, 429, PaymentPage.problem("Demasiadas solicitudes", "Espera un minuto y vuelve a intentarlo."));
    }
  }

  private void page(RoutingContext ctx) {
    PaymentLinkToken.Reading reading = tokens.read(ctx.pathParam("token"), clock.instant());
    if (!(reading instanceof PaymentLinkToken.Valid valid)) {
      refuse(ctx, reading);
      return;
    }
    vertx.executeBlocking(() -> view(valid.debtorId()), false).onSuccess(view -> {
      if (view == null) {
        refuse(ctx, new PaymentLinkToken.Invalid());
        return;
      }
      html(ctx, 200, render(ctx, valid, view, List.of(), null, null));
    }).onFailure(ctx::fail);
  }

  private String render(RoutingContext ctx, PaymentLinkToken.Valid valid, View view, List<String> problems, String date,
      String amount) {
    String token = ctx.pathParam("token");
    return PaymentPage.render(view.firstName(), view.debts(), CashReference.of(valid.debtorId()), "/pagar/" + token + "/checkout",
        checkout != null, valid.expiresAt(), zone, new PaymentPage.PromiseBox("/pagar/" + token + "/promesa", view.promise(),
            LocalDate.now(clock.withZone(zone)), problems, date, amount));
  }

  /**
   * {@code POST /pagar/{token}/promesa} (form: {@code fecha}, {@code monto}, {@code moneda}). The signed token in the
   * path is the debtor's whole authority, as for the page itself; a browser sending the form from another site is
   * refused by its Origin (or Sec-Fetch-Site) so that a page elsewhere cannot make promises with a link it saw.
   */
  private void promise(RoutingContext ctx) {
    PaymentLinkToken.Reading reading = tokens.read(ctx.pathParam("token"), clock.instant());
    if (!(reading instanceof PaymentLinkToken.Valid valid)) {
      refuse(ctx, reading);
      return;
    }
    if (crossSite(ctx)) {
      html(ctx, 403, PaymentPage.problem("Solicitud no permitida", "Abre tu liga de pago y envía la promesa desde ahí."));
      return;
    }
    String date = ctx.request().getFormAttribute("fecha");
    String amount = ctx.request().getFormAttribute("monto");
    String currency = ctx.request().getFormAttribute("moneda");
    String pagePath = "/pagar/" + ctx.pathParam("token");
    vertx.executeBlocking(() -> {
      View view = view(valid.debtorId());
      if (view == null) {
        return null;
      }
      PagePromises.Outcome outcome = promises.make(valid.debtorId(), date, amount, currency);
      if (outcome instanceof PagePromises.Recorded r) {
        return new Answer(200, PaymentPage.promised(view.firstName(), r.promise(), pagePath));
      }
      if (outcome instanceof PagePromises.Refused r) {
        return new Answer(409, PaymentPage.alreadyPromised(r.existing(), pagePath));
      }
      PagePromises.Invalid invalid = (PagePromises.Invalid) outcome;
      return new Answer(400, render(ctx, valid, view, invalid.problems(), shorten(date), shorten(amount)));
    }, false).onSuccess(answer -> {
      if (answer == null) {
        refuse(ctx, new PaymentLinkToken.Invalid());
      } else {
        html(ctx, answer.status(), answer.html());
      }
    }).onFailure(ctx::fail);
  }

  private record Answer(int status, String html) {}

  /** What the refilled form may echo: a rejected field may be kilobytes long. */
  private static String shorten(String s) {
    return s == null ? null : s.length() <= 40 ? s : s.substring(0, 40);
  }

  private boolean crossSite(RoutingContext ctx) {
    // Browsers that send Sec-Fetch-Site say it outright. Origin is the fallback, and "null" there is no evidence either
    // way: the page's Referrer-Policy no-referrer makes browsers send "Origin: null" even from the page itself.
    String site = ctx.request().getHeader("Sec-Fetch-Site");
    if (site != null) {
      return !site.equals("same-origin");
    }
    String origin = ctx.request().getHeader("Origin");
    if (origin == null || origin.equals("null")) {
      return false;
    }
    String own = ctx.request().scheme() + "://" + ctx.request().authority();
    return !origin.equals(own) && (links.publicUrl() == null || !links.publicUrl().startsWith(origin));
  }

  private void checkout(RoutingContext ctx) {
    PaymentLinkToken.Reading reading = tokens.read(ctx.pathParam("token"), clock.instant());
    if (!(reading instanceof PaymentLinkToken.Valid valid)) {
      refuse(ctx, reading);
      return;
    }
    if (checkout == null) {
      html(ctx, 503, PaymentPage.problem("Pago en línea no disponible", "Paga en efectivo con tu referencia."));
      return;
    }
    String currency = String.valueOf(ctx.queryParams().get("moneda"));
    String base = links.publicUrl() != null ? links.publicUrl() : ctx.request().scheme() + "://" + ctx.request().authority();
    vertx.executeBlocking(() -> {
      View view = view(valid.debtorId());
      BigDecimal total = view == null ? BigDecimal.ZERO : view.debts().stream().filter(d -> d.currency().equals(currency))
          .map(PaymentPage.OpenDebt::balance).reduce(BigDecimal.ZERO, BigDecimal::add);
      if (total.signum() == 0) {
        return null;
      }
      return checkout.start(new CheckoutProvider.CheckoutRequest("campo:" + valid.debtorId(), "Pago de saldo", total, currency,
          base + WEBHOOK_PATH, base + "/pagar/" + ctx.pathParam("token")));
    }, false).onSuccess(url -> {
      if (url == null) {
        html(ctx, 404, PaymentPage.problem("Nada que pagar", "No hay saldo pendiente en esa moneda."));
      } else {
        ctx.response().setStatusCode(303).putHeader("Location", url).end();
      }
    }).onFailure(e -> {
      log.warn("checkout for debtor {} failed: {}", valid.debtorId(), e.getMessage());
      html(ctx, 502, PaymentPage.problem("No pudimos abrir el pago", "Inténtalo de nuevo en unos minutos o paga en efectivo."));
    });
  }

  private void webhook(RoutingContext ctx) {
    if (checkout == null) {
      ctx.fail(ApiException.notFound("no payment provider is configured"));
      return;
    }
    Map<String, String> headers = new HashMap<>();
    ctx.request().headers().forEach(h -> headers.put(h.getKey().toLowerCase(java.util.Locale.ROOT), h.getValue()));
    Map<String, String> query = new HashMap<>();
    ctx.queryParams().forEach(q -> query.put(q.getKey(), q.getValue()));
    String body = ctx.body().asString();
    vertx.executeBlocking(() -> {
      var reported = checkout.confirm(headers, query, body == null ? "" : body);
      if (reported.isEmpty()) {
        return new JsonObject().put("recorded", false);
      }
      CheckoutProvider.ProviderPayment p = reported.get();
      String debtor = p.reference() != null && p.reference().startsWith("campo:") ? externalId(p.reference().substring(6)) : null;
      if (debtor == null) {
        // Not one of ours (another system on the same account): acknowledged, so the provider stops retrying.
        log.warn("provider payment {} has reference '{}', not a Campo debtor: ignored", p.providerPaymentId(), p.reference());
        return new JsonObject().put("recorded", false);
      }
      PaymentLedger.Recorded r = ledger.recordReceived(new PaymentEntry(debtor, null, p.amount().setScale(2),
          p.currency(), p.paidAt(), p.providerPaymentId(), PaymentSource.PROVIDER), "mercadopago");
      return new JsonObject().put("recorded", r.created()).put("paymentId", r.payment().getLong("id"));
    }, false).onSuccess(ctx::json).onFailure(e -> {
      if (e instanceof SecurityException) {
        log.warn("payment webhook refused: {}", e.getMessage());
        ctx.fail(new ApiException(401, "webhook signature refused"));
      } else {
        ctx.fail(e);
      }
    });
  }

  private record View(String firstName, List<PaymentPage.OpenDebt> debts, PagePromises.PagePromise promise) {}

  private View view(long debtorId) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      String first;
      try (PreparedStatement ps = c.prepareStatement("SELECT name FROM debtor WHERE id = ?")) {
        ps.setLong(1, debtorId);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            return null;
          }
          first = rs.getString(1).strip().split("\\s+")[0];
        }
      }
      List<PaymentPage.OpenDebt> debts = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT product, currency, balance FROM debt WHERE debtor_id = ? AND balance > 0 ORDER BY due_date, external_id")) {
        ps.setLong(1, debtorId);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            debts.add(new PaymentPage.OpenDebt(rs.getString(1), rs.getString(2).strip(), rs.getBigDecimal(3)));
          }
        }
      }
      return new View(first, debts, promises.open(debtorId));
    }
  }

  private long debtorId(String externalId, DebtorScope caller) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT id, team_id FROM debtor WHERE external_id = ?")) {
      ps.setString(1, externalId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next() || !caller.admits(rs.getString(2))) {
          throw ApiException.notFound("no debtor '" + externalId + "'");
        }
        return rs.getLong(1);
      }
    }
  }

  private String externalId(String internalId) throws SQLException {
    long id;
    try {
      id = Long.parseLong(internalId);
    } catch (NumberFormatException e) {
      return null;
    }
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT external_id FROM debtor WHERE id = ?")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  private static void refuse(RoutingContext ctx, PaymentLinkToken.Reading reading) {
    if (reading instanceof PaymentLinkToken.Expired) {
      html(ctx, 410, PaymentPage.problem("Esta liga ya venció", "Pide una liga nueva a tu asesor de cobranza."));
    } else {
      html(ctx, 404, PaymentPage.problem("Liga no válida", "Revisa que la liga esté completa o pide una nueva a tu asesor."));
    }
  }

  private static void html(RoutingContext ctx, int status, String html) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "text/html; charset=utf-8")
        .putHeader("Cache-Control", "no-store").putHeader("Referrer-Policy", "no-referrer").end(html);
  }
}
