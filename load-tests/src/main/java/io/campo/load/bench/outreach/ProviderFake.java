package io.campo.load.bench.outreach;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A WhatsApp Cloud API stand-in on its own Vert.x: answers every message after {@code latencyMillis} (a real provider's
 * ~20 ms) with a fresh message id, and counts the messages per recipient so the bench can prove each eligible debtor
 * got exactly one.
 */
final class ProviderFake implements AutoCloseable {

  private final Vertx vertx = Vertx.vertx();
  private final Map<String, AtomicInteger> byRecipient = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();
  private final HttpServer server;

  ProviderFake(int latencyMillis) throws Exception {
    server = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
      String to = new JsonObject(body.toString()).getString("to");
      byRecipient.computeIfAbsent(to, k -> new AtomicInteger()).incrementAndGet();
      String id = "wamid.bench" + ids.incrementAndGet();
      vertx.setTimer(latencyMillis, t -> req.response().putHeader("Content-Type", "application/json")
          .end("{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\"" + id + "\"}]}"));
    })).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  Map<String, AtomicInteger> byRecipient() {
    return byRecipient;
  }

  @Override
  public void close() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }
}
