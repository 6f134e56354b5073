package dev.gatehouse.store.sql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.gatehouse.core.store.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteDataSource;

/**
 * The embedded store: one SQLite file in the data dir.
 *
 * <p>WAL journal with {@code synchronous=FULL}: every commit is fsynced before {@code write}
 * returns, so an acknowledged write survives a crash or power loss. One writer connection, guarded
 * by a lock, serializes writes (SQLite allows one writer anyway; holding the lock in the process
 * avoids busy-waiting); readers use a small pool and see committed snapshots. The object catalog's
 * concurrent writes take the lock together, one transaction and one fsync per group ({@link
 * GroupCommit}).
 */
public final class SqliteStore {
  /** The database file's name inside the data dir. */
  public static final String FILE_NAME = "gatehouse.db";

  private static final int BUSY_TIMEOUT_MILLIS = 10_000;
  private static final int READERS = 16;

  /**
   * How many of the object catalog's statements each connection (the writer, each reader) keeps
   * prepared: all of them, with room to spare; a statement beyond it is prepared per transaction.
   */
  private static final int KEPT_STATEMENTS = 64;

  private SqliteStore() {}

  /** Opens (creating and migrating when needed) {@code dataDir/gatehouse.db}. */
  public static SqlStore open(Path dataDir) {
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new StoreException("cannot create data dir " + dataDir, e);
    }
    String url = "jdbc:sqlite:" + dataDir.resolve(FILE_NAME).toAbsolutePath();
    SQLiteDataSource writerSource = dataSource(url, false);
    Migrations.migrate(writerSource);
    try {
      Connection writer = writerSource.getConnection();
      writer.setAutoCommit(false);
      HikariConfig hc = new HikariConfig();
      hc.setDataSource(dataSource(url, true));
      hc.setMaximumPoolSize(READERS);
      hc.setMinimumIdle(READERS);
      hc.setPoolName("gatehouse-sqlite-readers");
      return new SqlStore(new Engine(writer, new HikariDataSource(hc)));
    } catch (SQLException e) {
      throw new StoreException("cannot open " + url, e);
    }
  }

  /** The data source of the writer ({@code readOnly} false) or of the readers' pool. */
  static SQLiteDataSource dataSource(String url, boolean readOnly) {
    SQLiteConfig config = new SQLiteConfig();
    // The driver's default runs a second statement after every INSERT (a "SELECT
    // last_insert_rowid()" prepared, stepped and closed) for getGeneratedKeys, which nothing here
    // calls: two of them per PutObject, a twentieth of its CPU.
    config.setGetGeneratedKeys(false);
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    // spec: sqlite.org/pragma.html#pragma_synchronous: FULL syncs the WAL on every commit.
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    config.enforceForeignKeys(true);
    config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
    // IMMEDIATE takes the write lock at BEGIN, so a second process fails fast, not mid-way.
    config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    if (readOnly) {
      // Readers never write: deferred BEGIN so they take no lock until they read.
      config.setTransactionMode(SQLiteConfig.TransactionMode.DEFERRED);
    }
    SQLiteDataSource ds = new SQLiteDataSource(config);
    ds.setUrl(url);
    return ds;
  }

  private static final class Engine implements SqlStore.Engine {
    private final Connection writer;
    private final HikariDataSource readers;
    private final ReentrantLock writeLock = new ReentrantLock(true);

    /** The writer's kept statements; used by the holder of {@link #writeLock} only. */
    private final Statements writerStatements;

    private final PooledStatements readerStatements =
        new PooledStatements(SQLiteConnection.class, KEPT_STATEMENTS);

    Engine(Connection writer, HikariDataSource readers) {
      this.writer = writer;
      this.readers = readers;
      this.writerStatements = new Statements(writer, KEPT_STATEMENTS);
    }

    @Override
    public Connection readConnection() throws SQLException {
      return readers.getConnection();
    }

    @Override
    public Connection beginWrite() {
      writeLock.lock();
      return writer;
    }

    @Override
    public void endWrite(Connection connection) {
      writeLock.unlock();
    }

    @Override
    public Statements writeStatements(Connection connection) {
      // beginWrite hands out no connection but the writer.
      return writerStatements;
    }

    @Override
    public Statements readStatements(Connection connection) throws SQLException {
      return readerStatements.of(connection);
    }

    @Override
    public boolean groupsCommits() {
      return true;
    }

    @Override
    public HikariDataSource pool() {
      return readers;
    }

    @Override
    public void close() {
      writeLock.lock();
      try {
        readers.close();
        readerStatements.clear();
        try {
          writerStatements.close();
        } finally {
          writer.close();
        }
      } catch (SQLException e) {
        throw new StoreException("close failed", e);
      } finally {
        writeLock.unlock();
      }
    }
  }
}
