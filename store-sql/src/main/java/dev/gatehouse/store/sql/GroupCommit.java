package dev.gatehouse.store.sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The object catalog's write transactions, committed in groups on SQLite.
 *
 * <p>On SQLite every commit is an fsync of the WAL ({@code synchronous=FULL}), and the single
 * writer makes concurrent writes wait for each other's fsync: N concurrent PUTs cost N fsyncs in a
 * row. Here concurrent writes share one transaction and one commit instead (leader and followers):
 * a caller queues its work; if no group is being committed it becomes the leader, takes every
 * queued write, runs them one after another on the writer connection, commits once, and hands the
 * lead to the first write that queued meanwhile. A lone write therefore commits at once, as before,
 * and writes arriving during a commit wait for that commit only, then go together.
 *
 * <p>Each write of a group runs inside its own SAVEPOINT: one that fails (no such bucket, a
 * constraint) is rolled back to its savepoint and its caller gets its own error, while the others
 * stay in the transaction. Every caller returns only once the commit holding its write has
 * returned, that is, is durable; if the commit itself fails, every write of the group fails and
 * none is kept. Writes of a group run in queue order, each seeing the ones before it, exactly as if
 * they had taken the writer lock one after another.
 *
 * <p>Without grouping (PostgreSQL, {@link SqlStore.Engine#groupsCommits}) every write is its own
 * transaction, as before. Its catalog writes also wait for each other (the advisory lock is held
 * until the commit is flushed), so grouping could pay there too; it is not enabled because it has
 * not been measured there.
 */
final class GroupCommit {
  private final SqlStore.Engine engine;
  private final boolean grouping;
  private final ReentrantLock lock = new ReentrantLock();
  private final ArrayDeque<Pending<?>> queue = new ArrayDeque<>();

  /** Whether a leader is committing a group; guarded by {@link #lock}. */
  private boolean leading;

  GroupCommit(SqlStore.Engine engine, boolean grouping) {
    this.engine = engine;
    this.grouping = grouping;
  }

  /**
   * Runs {@code work} in a write transaction and returns its result once the transaction is
   * committed; its own failure, or the failure of the commit, is thrown instead.
   */
  <T> T write(CatalogJdbc.Work<T> work) throws SQLException {
    if (!grouping) {
      return alone(work);
    }
    Pending<T> mine = new Pending<>(work, lock.newCondition());
    boolean lead;
    lock.lock();
    try {
      queue.addLast(mine);
      if (leading) {
        // A commit is under way: wait for the group holding this write, or for the lead.
        while (mine.state == State.QUEUED) {
          // Uninterruptibly: once queued, the write may be committed by another thread, so the
          // caller must learn its outcome rather than leave believing it did not happen.
          mine.turn.awaitUninterruptibly();
        }
      } else {
        leading = true;
        mine.state = State.LEADING;
      }
      lead = mine.state == State.LEADING;
    } finally {
      lock.unlock();
    }
    if (lead) {
      lead();
    }
    return mine.outcome();
  }

  /** How many writes wait for a group (for tests and diagnostics). */
  int queued() {
    lock.lock();
    try {
      return queue.size();
    } finally {
      lock.unlock();
    }
  }

  private void lead() {
    List<Pending<?>> group;
    lock.lock();
    try {
      group = new ArrayList<>(queue);
      queue.clear();
    } finally {
      lock.unlock();
    }
    try {
      commit(group);
    } finally {
      lock.lock();
      try {
        for (Pending<?> p : group) {
          p.state = State.DONE;
          p.turn.signal();
        }
        Pending<?> next = queue.peekFirst();
        if (next == null) {
          leading = false;
        } else {
          next.state = State.LEADING;
          next.turn.signal();
        }
      } finally {
        lock.unlock();
      }
    }
  }

  /**
   * Runs the group in one transaction and records each write's outcome. Never throws: whatever goes
   * wrong becomes the outcome of the writes it concerns, since every caller learns its outcome from
   * its own entry, the leader included.
   */
  private void commit(List<Pending<?>> group) {
    Connection c;
    try {
      c = engine.beginWrite();
    } catch (SQLException | RuntimeException | Error e) {
      group.forEach(p -> p.abandon(e));
      return;
    }
    Statements statements = engine.writeStatements(c);
    try {
      try {
        boolean kept =
            group.size() == 1 ? group.get(0).run(statements) : runEach(c, statements, group);
        if (kept) {
          c.commit();
        } else {
          c.rollback();
        }
      } catch (SQLException | RuntimeException | Error e) {
        rollbackQuietly(c, e);
        group.forEach(p -> p.abandon(e));
      }
    } finally {
      try {
        end(c, statements);
      } catch (SQLException | RuntimeException | Error e) {
        group.forEach(p -> p.abandon(e));
      }
    }
  }

  /** Releases the transaction's statements and ends it, whichever of the two fails. */
  private void end(Connection c, Statements statements) throws SQLException {
    try {
      statements.release();
    } finally {
      engine.endWrite(c);
    }
  }

  /**
   * Runs each write inside its own savepoint. Returns whether any write is kept. A failure of the
   * savepoint statements themselves leaves the transaction in an unknown state and is thrown.
   */
  private static boolean runEach(Connection c, Statements statements, List<Pending<?>> group)
      throws SQLException {
    boolean kept = false;
    for (Pending<?> p : group) {
      Savepoint sp = c.setSavepoint();
      if (p.run(statements)) {
        kept = true;
      } else {
        c.rollback(sp);
      }
      c.releaseSavepoint(sp);
    }
    return kept;
  }

  /** One write, one transaction: the path without grouping. */
  private <T> T alone(CatalogJdbc.Work<T> work) throws SQLException {
    Connection c = engine.beginWrite();
    Statements statements = engine.writeStatements(c);
    try {
      T result = work.apply(statements);
      c.commit();
      return result;
    } catch (SQLException | RuntimeException | Error e) {
      rollbackQuietly(c, e);
      throw e;
    } finally {
      end(c, statements);
    }
  }

  private static void rollbackQuietly(Connection c, Throwable cause) {
    try {
      c.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  private enum State {
    QUEUED,
    LEADING,
    DONE
  }

  /** One caller's write and, once its group is done, its outcome. */
  private static final class Pending<T> {
    private final CatalogJdbc.Work<T> work;
    private final Condition turn;

    /** Guarded by the group commit's lock. */
    private State state = State.QUEUED;

    // Written by the leader before it publishes DONE under the lock; read by the caller after.
    private T result;
    private Throwable failure;

    Pending(CatalogJdbc.Work<T> work, Condition turn) {
      this.work = work;
      this.turn = turn;
    }

    /** Runs the work; returns whether it succeeded (its failure is its outcome). */
    boolean run(Statements statements) {
      try {
        result = work.apply(statements);
        return true;
      } catch (SQLException | RuntimeException | Error e) {
        failure = e;
        return false;
      }
    }

    /** The group's transaction is lost: a write that succeeded fails with the group. */
    void abandon(Throwable cause) {
      if (failure == null) {
        failure = cause;
        result = null;
      }
    }

    T outcome() throws SQLException {
      if (failure == null) {
        return result;
      }
      if (failure instanceof SQLException e) {
        throw e;
      }
      if (failure instanceof RuntimeException e) {
        throw e;
      }
      throw (Error) failure;
    }
  }
}
