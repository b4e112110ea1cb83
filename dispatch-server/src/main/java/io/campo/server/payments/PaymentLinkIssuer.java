package io.campo.server.payments;

import java.time.Instant;

/** Issues a signed, expiring link to one debtor's public payment page (issue #15, item 7). */
public interface PaymentLinkIssuer {

  /** A link and when it stops working. */
  record PaymentLink(String url, Instant expiresAt) {}

  /** Issues a new link for the debtor with this internal id; blocking (JDBC), so call it on a worker thread. */
  PaymentLink issue(long debtorId) throws Exception;
}
