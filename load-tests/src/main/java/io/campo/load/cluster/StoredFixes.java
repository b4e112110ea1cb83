package io.campo.load.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * What the database holds of a run's fixes, against what the devices were acknowledged: an acknowledged fix
 * missing from the database is a loss, a (agent, seq) stored twice a duplicate. Fixes sent but never
 * acknowledged may or may not be stored (a node may die between commit and PUBACK): neither is an error.
 *
 * @param acknowledged fixes the devices hold a PUBACK for
 * @param stored rows of the run's agents in {@code telemetry}
 * @param missing acknowledged and not stored
 * @param duplicates rows beyond the first for one (agent, seq)
 */
public record StoredFixes(long acknowledged, long stored, long missing, long duplicates) {

  /** Compares {@code acknowledgedSeqs} (agent id → seqs) with the rows of agents whose id starts with {@code agentPrefix}. */
  public static StoredFixes check(DataSource db, String agentPrefix, Map<String, BitSet> acknowledgedSeqs) throws SQLException {
    Map<String, BitSet> storedSeqs = new HashMap<>();
    long stored = 0;
    long duplicates = 0;
    try (Connection c = db.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT agent_id, seq, count(*) FROM telemetry WHERE agent_id LIKE ? GROUP BY agent_id, seq")) {
      // The prefix holds no LIKE wildcard: the harness's agent ids are letters, digits and '-'.
      ps.setString(1, agentPrefix + "%");
      ps.setFetchSize(10_000);
      c.setAutoCommit(false);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long rows = rs.getLong(3);
          stored += rows;
          duplicates += rows - 1;
          storedSeqs.computeIfAbsent(rs.getString(1), a -> new BitSet()).set((int) rs.getLong(2));
        }
      }
    }
    long acknowledged = 0;
    long missing = 0;
    for (var e : acknowledgedSeqs.entrySet()) {
      BitSet lost = (BitSet) e.getValue().clone();
      acknowledged += lost.cardinality();
      BitSet present = storedSeqs.get(e.getKey());
      if (present != null) {
        lost.andNot(present);
      }
      missing += lost.cardinality();
    }
    return new StoredFixes(acknowledged, stored, missing, duplicates);
  }

  public boolean exactlyOnce() {
    return missing == 0 && duplicates == 0;
  }

  @Override
  public String toString() {
    return acknowledged + " acknowledged, " + stored + " stored, " + missing + " acknowledged but missing, " + duplicates + " duplicates";
  }
}
