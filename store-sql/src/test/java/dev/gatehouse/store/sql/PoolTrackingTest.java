package dev.gatehouse.store.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.metrics.IMetricsTracker;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import com.zaxxer.hikari.metrics.PoolStats;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The readers' pool reports its use to the tracker it is given, once. */
class PoolTrackingTest {
  @Test
  void thePoolReportsToItsTrackerOnce(@TempDir Path dir) {
    List<String> pools = new ArrayList<>();
    List<PoolStats> stats = new ArrayList<>();
    MetricsTrackerFactory tracker =
        (poolName, poolStats) -> {
          pools.add(poolName);
          stats.add(poolStats);
          return new IMetricsTracker() {};
        };
    try (SqlStore store = SqliteStore.open(dir)) {
      store.trackPool(tracker);
      assertThat(pools).containsExactly("gatehouse-sqlite-readers");
      assertThat(stats.get(0).getMaxConnections()).isPositive();
      // HikariCP takes one tracker per pool: a second is refused, not silently dropped.
      assertThatThrownBy(() -> store.trackPool(tracker)).isInstanceOf(IllegalStateException.class);
    }
  }
}
