package io.campo.server.payments.page;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

/**
 * A payment provider's hosted checkout, whatever the provider: start a checkout for an amount and send the debtor to
 * the provider's page; later, read the provider's webhook (its signature checked) into the payment to record.
 * Implementations are blocking (HTTP to the provider): call them on a worker thread.
 */
public interface CheckoutProvider {

  /** What to charge: {@code reference} comes back with the provider's payment ({@code campo:<debtor id>}). */
  record CheckoutRequest(String reference, String title, BigDecimal amount, String currency, String notificationUrl,
      String returnUrl) {}

  /** A payment the provider reports as approved. */
  record ProviderPayment(String providerPaymentId, String reference, BigDecimal amount, String currency,
      java.time.Instant paidAt) {}

  /** Where to send the debtor to pay. */
  String start(CheckoutRequest request) throws Exception;

  /**
   * The approved payment a webhook reports; empty for a webhook about anything else (a pending payment, another
   * topic).
   *
   * @param headers lower-case header names
   * @param query the webhook URL's query parameters
   * @throws SecurityException when the signature is missing or wrong: nothing may be recorded
   */
  Optional<ProviderPayment> confirm(Map<String, String> headers, Map<String, String> query, String body) throws Exception;
}
