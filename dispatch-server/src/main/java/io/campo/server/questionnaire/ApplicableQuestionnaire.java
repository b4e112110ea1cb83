package io.campo.server.questionnaire;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Picks the questionnaire that applies to a debtor among the versions in force at the visit's
 * check-in (one per key). The rule:
 *
 * <ol>
 *   <li>A product match wins over a segment match. The debtor's debts are considered largest
 *       balance first (ties: product name), because a visit is mostly about the biggest debt;
 *       the first debt whose product has a questionnaire decides. For that product a version
 *       aimed at the product <em>and</em> the debtor's segment wins over one aimed at the
 *       product alone.
 *   <li>Otherwise a version aimed at the debtor's segment alone.
 *   <li>Two keys aimed at the same target (creation refuses this for current versions, but a
 *       history may hold it): the alphabetically first key.
 * </ol>
 *
 * Products and segments are compared ignoring case and surrounding spaces. No Vert.x, no JDBC;
 * stateless and thread-safe.
 */
public final class ApplicableQuestionnaire {

  /** A debt as far as the choice is concerned. */
  public record Debt(String product, BigDecimal balance) {}

  private ApplicableQuestionnaire() {}

  public static Optional<QuestionnaireVersion> choose(List<QuestionnaireVersion> inForce, String segment, List<Debt> debts) {
    List<QuestionnaireVersion> byKey = inForce.stream().sorted(Comparator.comparing(QuestionnaireVersion::key)).toList();
    List<Debt> biggestFirst = debts.stream()
        .sorted(Comparator.comparing(Debt::balance).reversed().thenComparing(d -> normal(d.product()))).toList();
    for (Debt debt : biggestFirst) {
      Optional<QuestionnaireVersion> both = byKey.stream()
          .filter(v -> same(v.product(), debt.product()) && v.segment() != null && same(v.segment(), segment)).findFirst();
      if (both.isPresent()) {
        return both;
      }
      Optional<QuestionnaireVersion> product = byKey.stream()
          .filter(v -> same(v.product(), debt.product()) && v.segment() == null).findFirst();
      if (product.isPresent()) {
        return product;
      }
    }
    return byKey.stream().filter(v -> v.product() == null && same(v.segment(), segment)).findFirst();
  }

  static boolean same(String a, String b) {
    return a != null && b != null && normal(a).equals(normal(b));
  }

  private static String normal(String s) {
    return s == null ? "" : s.strip().toLowerCase(Locale.ROOT);
  }
}
