package dev.gatehouse.store.sql;

import dev.gatehouse.core.store.StoreConflict;
import dev.gatehouse.core.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Prepared statements over one connection; SQL failures become {@link StoreException}. */
final class Jdbc {
  /** Maps the current row of a result set. */
  @FunctionalInterface
  interface RowMapper<T> {
    T map(ResultSet rs) throws SQLException;
  }

  private final Connection connection;

  Jdbc(Connection connection) {
    this.connection = connection;
  }

  <T> List<T> list(String sql, RowMapper<T> mapper, Object... params) {
    try (PreparedStatement ps = prepare(sql, params);
        ResultSet rs = ps.executeQuery()) {
      List<T> out = new ArrayList<>();
      while (rs.next()) {
        out.add(mapper.map(rs));
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException("query failed: " + sql, e);
    }
  }

  <T> Optional<T> one(String sql, RowMapper<T> mapper, Object... params) {
    List<T> rows = list(sql, mapper, params);
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
  }

  long count(String sql, Object... params) {
    return one(sql, rs -> rs.getLong(1), params).orElse(0L);
  }

  int update(String sql, Object... params) {
    try (PreparedStatement ps = prepare(sql, params)) {
      return ps.executeUpdate();
    } catch (SQLException e) {
      if (isConstraintViolation(e)) {
        throw new StoreConflict("unique constraint: " + sql, e);
      }
      throw new StoreException("update failed: " + sql, e);
    }
  }

  /**
   * SQLState class 23 (integrity constraint violation) on PostgreSQL; SQLite reports
   * SQLITE_CONSTRAINT (19) as its error code.
   */
  private static boolean isConstraintViolation(SQLException e) {
    String state = e.getSQLState();
    return (state != null && state.startsWith("23")) || e.getErrorCode() == SQLITE_CONSTRAINT;
  }

  private static final int SQLITE_CONSTRAINT = 19;

  private PreparedStatement prepare(String sql, Object... params) throws SQLException {
    PreparedStatement ps = connection.prepareStatement(sql);
    try {
      for (int i = 0; i < params.length; i++) {
        Object p = params[i];
        if (p instanceof Integer n) {
          ps.setInt(i + 1, n);
        } else if (p instanceof Long n) {
          ps.setLong(i + 1, n);
        } else if (p instanceof String s) {
          ps.setString(i + 1, s);
        } else if (p instanceof byte[] b) {
          ps.setBytes(i + 1, b);
        } else if (p instanceof Nullable n) {
          ps.setNull(i + 1, n.sqlType());
        } else {
          throw new IllegalArgumentException("unsupported parameter type " + p.getClass());
        }
      }
      return ps;
    } catch (SQLException | RuntimeException e) {
      ps.close();
      throw e;
    }
  }

  /** A typed SQL NULL parameter. */
  record Nullable(int sqlType) {}
}
