package dev.gatehouse.store.sql;

import dev.gatehouse.core.store.MilestoneWrites;
import java.time.Instant;

/** Milestones (table of V17). */
final class SqlMilestones implements MilestoneWrites {
  private final Jdbc jdbc;

  SqlMilestones(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public boolean reached(String milestone) {
    return jdbc.one("SELECT 1 FROM gh_milestones WHERE name = ?", rs -> true, milestone)
        .isPresent();
  }

  @Override
  public void reach(String milestone, Instant at) {
    // Both engines (SQLite 3.24+, PostgreSQL 9.5+): nodes recording it at once do not conflict.
    jdbc.update(
        "INSERT INTO gh_milestones (name, reached_at) VALUES (?, ?) ON CONFLICT (name) DO NOTHING",
        milestone,
        at.toEpochMilli());
  }
}
