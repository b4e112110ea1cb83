package io.campo.server.report;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The days of a period as V13's attempt-day bits: for each calendar year the period touches, a
 * 366-character string of '0'/'1' whose character {@code i} stands for day-of-year {@code i + 1}
 * (the layout of {@code debtor_attempt_days.days}). A debtor was attempted in the period when its
 * row for one of these years shares a '1' with the year's mask. Immutable; plain computation.
 */
final class AttemptDayMasks {

  static final int BITS = 366;

  /** One year's mask. */
  record YearMask(int year, String bits) {}

  private AttemptDayMasks() {}

  /** @param from first local day, inclusive; {@code to} last local day, inclusive, not before {@code from} */
  static List<YearMask> of(LocalDate from, LocalDate to) {
    List<YearMask> masks = new ArrayList<>();
    for (int year = from.getYear(); year <= to.getYear(); year++) {
      int first = year == from.getYear() ? from.getDayOfYear() : 1;
      int last = year == to.getYear() ? to.getDayOfYear() : LocalDate.of(year, 12, 31).getDayOfYear();
      StringBuilder bits = new StringBuilder(BITS);
      for (int day = 1; day <= BITS; day++) {
        bits.append(day >= first && day <= last ? '1' : '0');
      }
      masks.add(new YearMask(year, bits.toString()));
    }
    return masks;
  }
}
