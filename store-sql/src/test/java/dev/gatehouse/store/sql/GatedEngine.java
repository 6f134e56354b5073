package dev.gatehouse.store.sql;

import com.zaxxer.hikari.HikariDataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A store engine around a real one that lets a test hold the first write transaction at its start
 * (so that other writes queue behind it), counts commits and savepoints, and fails chosen steps.
 */
final class GatedEngine implements SqlStore.Engine {
  private final SqlStore.Engine inner;
  private final boolean grouping;
  final CountDownLatch entered = new CountDownLatch(1);
  final CountDownLatch open = new CountDownLatch(1);
  final AtomicInteger commits = new AtomicInteger();
  final AtomicInteger savepoints = new AtomicInteger();

  /** The commit with this number (1 = the first) throws instead of committing. */
  volatile int failCommit;

  /** Every ROLLBACK TO SAVEPOINT throws. */
  volatile boolean failRollbackToSavepoint;

  /** The next beginWrite throws an SQLException. */
  volatile boolean failBegin;

  /** The next beginWrite throws an Error. */
  volatile boolean failBeginWithError;

  private Connection real;

  GatedEngine(SqlStore.Engine inner, boolean grouping) {
    this.inner = inner;
    this.grouping = grouping;
  }

  @Override
  public Connection readConnection() throws SQLException {
    return inner.readConnection();
  }

  @Override
  public Connection beginWrite() throws SQLException {
    entered.countDown();
    try {
      if (!open.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the test never opened the gate");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    if (failBegin) {
      failBegin = false;
      throw new SQLException("injected: begin");
    }
    if (failBeginWithError) {
      failBeginWithError = false;
      throw new AssertionError("injected: begin");
    }
    real = inner.beginWrite();
    return (Connection)
        Proxy.newProxyInstance(
            Connection.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            (proxy, method, args) -> {
              switch (method.getName()) {
                case "commit" -> {
                  if (commits.incrementAndGet() == failCommit) {
                    throw new SQLException("injected: commit");
                  }
                }
                case "setSavepoint" -> savepoints.incrementAndGet();
                case "rollback" -> {
                  if (args != null && failRollbackToSavepoint) {
                    throw new SQLException("injected: rollback to savepoint");
                  }
                }
                default -> {}
              }
              try {
                return method.invoke(real, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  /** The real engine's statements, on its real connection (savepoints still pass the proxy). */
  @Override
  public Statements writeStatements(Connection connection) {
    return inner.writeStatements(real);
  }

  @Override
  public void endWrite(Connection connection) throws SQLException {
    inner.endWrite(real);
  }

  @Override
  public boolean groupsCommits() {
    return grouping;
  }

  @Override
  public HikariDataSource pool() {
    return inner.pool();
  }

  @Override
  public void close() {
    inner.close();
  }
}
