package dev.gatehouse.store.sql;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A throw-away PostgreSQL database on the local server (127.0.0.1:5432, trust auth), uniquely named
 * so parallel runs never collide.
 */
final class PostgresDatabase implements AutoCloseable {
  static final String HOST_URL = "jdbc:postgresql://127.0.0.1:5432/";
  static final String USER = "postgres";

  final String name;

  private PostgresDatabase(String name) {
    this.name = name;
  }

  static PostgresDatabase create() throws SQLException {
    String name =
        "gatehouse_" + UUID.randomUUID().toString().replace("-", "").toLowerCase(Locale.ROOT);
    try (Connection c = DriverManager.getConnection(HOST_URL + "test", USER, "");
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    return new PostgresDatabase(name);
  }

  String url() {
    return HOST_URL + name;
  }

  @Override
  public void close() throws SQLException {
    try (Connection c = DriverManager.getConnection(HOST_URL + "test", USER, "");
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }
  }
}
