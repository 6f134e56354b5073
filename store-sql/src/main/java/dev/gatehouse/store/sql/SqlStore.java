package dev.gatehouse.store.sql;

import dev.gatehouse.core.store.ReadTransaction;
import dev.gatehouse.core.store.Store;
import dev.gatehouse.core.store.StoreException;
import dev.gatehouse.core.store.WriteTransaction;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Function;

/**
 * A {@link Store} over JDBC. The SQL is shared; {@link Engine} supplies connections and makes write
 * transactions mutually exclusive.
 */
public final class SqlStore implements Store {

  /** What differs between SQLite and PostgreSQL: where connections come from, write exclusion. */
  interface Engine extends AutoCloseable {
    Connection readConnection() throws SQLException;

    /**
     * A connection inside a write transaction that excludes every other writer until {@link
     * #endWrite} is called.
     */
    Connection beginWrite() throws SQLException;

    void endWrite(Connection connection) throws SQLException;

    /**
     * The statements the object catalog's writes prepare on {@code connection}, a connection from
     * {@link #beginWrite}: by default closed at the end of each transaction; an engine that keeps
     * its writer connection keeps them open with it.
     */
    default Statements writeStatements(Connection connection) {
      return new Statements(connection, 0);
    }

    /**
     * The statements the object catalog's reads prepare on {@code connection}, a connection from
     * {@link #readConnection}: by default closed at the end of each read; an engine may keep them
     * with the physical connection.
     */
    default Statements readStatements(Connection connection) throws SQLException {
      return new Statements(connection, 0);
    }

    /**
     * Whether the object catalog's concurrent writes should share one transaction and one commit
     * ({@link GroupCommit}): worth it where writes queue for a single writer and each commit is an
     * fsync.
     */
    default boolean groupsCommits() {
      return false;
    }

    /** The pool of connections requests read through (PostgreSQL's, SQLite's readers). */
    com.zaxxer.hikari.HikariDataSource pool();

    @Override
    void close();
  }

  private final Engine engine;
  private final GroupCommit catalogWrites;

  /** Set while this thread runs a write: a nested write would deadlock or commit half of one. */
  private final ThreadLocal<Boolean> writing = ThreadLocal.withInitial(() -> false);

  SqlStore(Engine engine) {
    this.engine = engine;
    this.catalogWrites = new GroupCommit(engine, engine.groupsCommits());
  }

  /**
   * Reports the connection pool's use (connections active, idle, pending, acquisition times) to
   * {@code tracker}: HikariCP's metrics binding. Set once per store.
   */
  public void trackPool(com.zaxxer.hikari.metrics.MetricsTrackerFactory tracker) {
    engine.pool().setMetricsTrackerFactory(tracker);
  }

  /** The engine, for other catalogs kept in the same database ({@link SqlObjectCatalog}). */
  Engine engine() {
    return engine;
  }

  /**
   * The object catalog's write path, one per store so that every catalog over this database joins
   * the same groups.
   */
  GroupCommit catalogWrites() {
    return catalogWrites;
  }

  @Override
  public <T> T read(Function<? super ReadTransaction, ? extends T> work) {
    return readJdbc(j -> work.apply(new SqlTransaction(j)));
  }

  /** Runs {@code work} over JDBC in a read-only transaction (for adapters beside this store). */
  <T> T readJdbc(Function<Jdbc, ? extends T> work) {
    try (Connection c = engine.readConnection()) {
      c.setAutoCommit(false);
      try {
        T result = work.apply(new Jdbc(c));
        c.commit();
        return result;
      } catch (RuntimeException | Error e) {
        rollbackQuietly(c, e);
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException("read transaction failed", e);
    }
  }

  @Override
  public <T> T write(Function<? super WriteTransaction, ? extends T> work) {
    return writeJdbc(j -> work.apply(new SqlTransaction(j)));
  }

  /**
   * Runs {@code work} over JDBC in a write transaction, excluding every other writer (for adapters
   * beside this store).
   */
  <T> T writeJdbc(Function<Jdbc, ? extends T> work) {
    if (writing.get()) {
      throw new IllegalStateException("a write transaction cannot start inside another");
    }
    writing.set(true);
    try {
      return writeOnce(work);
    } finally {
      writing.set(false);
    }
  }

  private <T> T writeOnce(Function<Jdbc, ? extends T> work) {
    Connection c;
    try {
      c = engine.beginWrite();
    } catch (SQLException e) {
      throw new StoreException("could not begin a write transaction", e);
    }
    T result;
    try {
      try {
        result = work.apply(new Jdbc(c));
      } catch (RuntimeException | Error e) {
        rollbackQuietly(c, e);
        throw e;
      }
      try {
        c.commit();
      } catch (SQLException e) {
        StoreException failure = new StoreException("commit failed", e);
        rollbackQuietly(c, failure);
        throw failure;
      }
    } catch (RuntimeException | Error e) {
      endQuietly(c, e);
      throw e;
    }
    try {
      engine.endWrite(c);
    } catch (SQLException e) {
      throw new StoreException("could not end a write transaction", e);
    }
    return result;
  }

  private void endQuietly(Connection c, Throwable cause) {
    try {
      engine.endWrite(c);
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  private static void rollbackQuietly(Connection c, Throwable cause) {
    try {
      c.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  @Override
  public void close() {
    engine.close();
  }
}
