package dev.gatehouse.store.sql;

import dev.gatehouse.core.iam.Change;
import dev.gatehouse.core.iam.IamChangeListener;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Tells every node sharing a PostgreSQL store which account changed (DESIGN.md decision 5), with
 * {@code LISTEN/NOTIFY}: after a commit, this node notifies {@code gatehouse_iam} with its node id
 * and the account id; each other node's listener thread passes the account to its local listener
 * (its snapshot registry), which rebuilds on the next request. A write that recorded only a role's
 * last use adds the role's id ({@code "node account role"}), and the other nodes re-read that
 * role's last use alone.
 *
 * <p>The local listener is told directly and first, so read-your-writes holds on the writing node
 * whatever the feed does. When the listening connection fails, the feed reconnects and reports
 * {@link IamChangeListener#everythingChanged}, since notifications may have been lost.
 */
public final class PostgresChangeFeed implements IamChangeListener, AutoCloseable {
  static final String CHANNEL = "gatehouse_iam";
  private static final int POLL_MILLIS = 250;

  private final String url;
  private final String user;
  private final String password;
  private final IamChangeListener local;
  private final String nodeId = UUID.randomUUID().toString();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Thread listener;
  private final Object notifyLock = new Object();
  private Connection notifier;

  private PostgresChangeFeed(String url, String user, String password, IamChangeListener local) {
    this.url = url;
    this.user = user;
    this.password = password;
    this.local = Objects.requireNonNull(local, "local");
    this.listener = new Thread(this::listen, "gatehouse-change-feed");
    this.listener.setDaemon(true);
  }

  /** Starts listening; returns once the LISTEN is in place. */
  public static PostgresChangeFeed start(
      String url, String user, String password, IamChangeListener local) throws SQLException {
    PostgresChangeFeed feed = new PostgresChangeFeed(url, user, password, local);
    // Thread.start happens-before the thread's first action, so the field is visible to it.
    feed.listening = feed.listenConnection();
    feed.listener.start();
    return feed;
  }

  /** The listening connection; used by the listener thread only once it has started. */
  private Connection listening;

  private Connection listenConnection() throws SQLException {
    Connection c = DriverManager.getConnection(url, user, password);
    try (Statement s = c.createStatement()) {
      s.execute("LISTEN " + CHANNEL);
    }
    return c;
  }

  @Override
  public void committed(String accountId) {
    local.committed(accountId);
    tellOthers(accountId);
  }

  /**
   * This node applies what changed to its snapshot; the other nodes are told the account only (the
   * feed carries account ids) and read it again.
   */
  @Override
  public void committed(String accountId, Change change) {
    local.committed(accountId, change);
    tellOthers(accountId);
  }

  /**
   * Refreshes this node's last use of the role without a rebuild, and the other nodes' likewise
   * (the notification names the role).
   */
  @Override
  public void lastUseRecorded(String accountId, String roleId) {
    local.lastUseRecorded(accountId, roleId);
    tellOthers(accountId + " " + roleId);
  }

  /**
   * This node reads the account's buckets again; the other nodes are told of a change to the
   * account and read both its buckets and its IAM snapshot again.
   */
  @Override
  public void bucketsChanged(String accountId) {
    local.bucketsChanged(accountId);
    tellOthers(accountId);
  }

  /**
   * @param change the account id, or the account id and the id of the role whose last use alone
   *     changed
   */
  private void tellOthers(String change) {
    synchronized (notifyLock) {
      try {
        if (notifier == null || notifier.isClosed()) {
          notifier = DriverManager.getConnection(url, user, password);
        }
        try (PreparedStatement ps = notifier.prepareStatement("SELECT pg_notify(?, ?)")) {
          ps.setString(1, CHANNEL);
          ps.setString(2, nodeId + " " + change);
          ps.execute();
        }
      } catch (SQLException e) {
        // Other nodes miss this change until their next reconnect; this node is up to date.
        closeQuietly(notifier);
        notifier = null;
      }
    }
  }

  private void listen() {
    Connection c = listening;
    while (running.get()) {
      try {
        PGNotification[] batch = c.unwrap(PGConnection.class).getNotifications(POLL_MILLIS);
        if (batch != null) {
          for (PGNotification n : batch) {
            deliver(n.getParameter());
          }
        }
      } catch (SQLException e) {
        closeQuietly(c);
        if (!running.get()) {
          return;
        }
        c = reconnect();
        if (c == null) {
          return;
        }
        local.everythingChanged();
      }
    }
    closeQuietly(c);
  }

  private Connection reconnect() {
    while (running.get()) {
      try {
        return listenConnection();
      } catch (SQLException e) {
        try {
          Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException ie) {
          return null;
        }
      }
    }
    return null;
  }

  /** Passes another node's change on: {@code "node account"} or {@code "node account role"}. */
  void deliver(String payload) {
    String[] parts = payload.split(" ", -1);
    if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty() || parts[0].equals(nodeId)) {
      return; // malformed, or our own change (already delivered locally)
    }
    if (parts.length == 3) {
      local.lastUseRecorded(parts[1], parts[2]);
    } else {
      local.committed(parts[1]);
    }
  }

  private static void closeQuietly(Connection c) {
    if (c != null) {
      try {
        c.close();
      } catch (SQLException e) {
        // closing anyway
      }
    }
  }

  @Override
  public void close() {
    running.set(false);
    listener.interrupt();
    try {
      listener.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (notifyLock) {
      closeQuietly(notifier);
      notifier = null;
    }
  }
}
