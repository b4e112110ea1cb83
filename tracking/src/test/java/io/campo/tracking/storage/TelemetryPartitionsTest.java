package io.campo.tracking.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.campo.tracking.telemetry.Fix;
import java.sql.Connection;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class TelemetryPartitionsTest {

  static long at(LocalDate day, int hour) {
    return day.atStartOfDay(ZoneOffset.UTC).plusHours(hour).toInstant().toEpochMilli();
  }

  static Fix fix(long t) {
    return new Fix("a1", t, t, 1, 2, null, null, null, null, null, null);
  }

  @Test
  void createsOnePartitionPerDayAndIsIdempotent() throws Exception {
    DataSource ds = PostgresFixture.freshTelemetryDatabase();
    try (Connection c = ds.getConnection()) {
      assertTrue(TelemetrySchema.isNativelyPartitioned(c));
      List<String> created = TelemetryPartitions.ensure(c, LocalDate.of(2026, 11, 20), LocalDate.of(2026, 11, 22));
      assertEquals(List.of("telemetry_p20261120", "telemetry_p20261121", "telemetry_p20261122"), created);
      assertEquals(List.of(), TelemetryPartitions.ensure(c, LocalDate.of(2026, 11, 20), LocalDate.of(2026, 11, 22)));
    }
    new TelemetryStore(ds).insert(List.of(fix(at(LocalDate.of(2026, 11, 21), 23))));
    assertEquals(1, PostgresFixture.count(ds, "SELECT count(*) FROM telemetry_p20261121"));
    assertEquals(0, PostgresFixture.count(ds, "SELECT count(*) FROM telemetry_default"));
  }

  @Test
  void aLateBacklogInTheDefaultPartitionMovesIntoItsDayWithoutLoss() throws Exception {
    DataSource ds = PostgresFixture.freshTelemetryDatabase();
    LocalDate old = LocalDate.of(2026, 10, 1);
    TelemetryStore store = new TelemetryStore(ds);
    store.insert(List.of(fix(at(old, 1)), fix(at(old, 2)), fix(at(old.plusDays(1), 3))));
    assertEquals(3, PostgresFixture.count(ds, "SELECT count(*) FROM telemetry_default"));
    try (Connection c = ds.getConnection()) {
      TelemetryPartitions.ensure(c, old, old);
    }
    assertEquals(2, PostgresFixture.count(ds, "SELECT count(*) FROM telemetry_p20261001"));
    assertEquals(1, PostgresFixture.count(ds, "SELECT count(*) FROM telemetry_default"));
    assertEquals(3, PostgresFixture.count(ds, "SELECT count(*) FROM telemetry"));
    // The moved rows still deduplicate redeliveries.
    assertEquals(0, store.insert(List.of(fix(at(old, 1)))));
  }

  @Test
  void dropsOnlyPartitionsBeforeTheRetentionDay() throws Exception {
    DataSource ds = PostgresFixture.freshTelemetryDatabase();
    try (Connection c = ds.getConnection()) {
      TelemetryPartitions.ensure(c, LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 5));
      assertEquals(List.of("telemetry_p20261101", "telemetry_p20261102"), TelemetryPartitions.dropBefore(c, LocalDate.of(2026, 11, 3)));
      assertEquals(List.of("telemetry_p20261103", "telemetry_p20261104", "telemetry_p20261105"), TelemetryPartitions.dayPartitions(c));
    }
  }
}
