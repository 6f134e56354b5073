package dev.gatehouse.core.store;

import dev.gatehouse.core.store.MemoryStore.State;
import java.time.Instant;

/** The milestones group of a {@link MemoryStore} transaction. */
final class MemoryMilestones implements MilestoneWrites {
  private final State s;

  MemoryMilestones(State s) {
    this.s = s;
  }

  @Override
  public boolean reached(String milestone) {
    return s.milestones.containsKey(milestone);
  }

  @Override
  public void reach(String milestone, Instant at) {
    s.milestones.putIfAbsent(milestone, at);
  }
}
