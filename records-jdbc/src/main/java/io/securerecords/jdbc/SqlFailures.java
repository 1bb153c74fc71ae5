package io.securerecords.jdbc;

import io.securerecords.api.error.ConflictException;
import io.securerecords.api.error.SecureRecordsException;
import io.securerecords.api.error.StoreException;
import java.sql.SQLException;
import java.util.Set;

/**
 * Turns a driver's {@link SQLException} into the SPI's exceptions: a lost race between writers
 * (a unique key taken first, a serialization failure, a deadlock victim, a lock wait given up) is
 * a {@link ConflictException}; anything else is a {@link StoreException}. Messages name the
 * operation and the SQLState, never a value.
 */
final class SqlFailures {
  /** H2: concurrent update (90131), lock timeout (50200); MariaDB: lock wait timeout (1205), deadlock (1213). */
  private static final Set<Integer> RACE_CODES = Set.of(90131, 50200, 1205, 1213);

  private SqlFailures() {}

  static SecureRecordsException of(String operation, SQLException e) {
    SQLException race = raceIn(e);
    if (race != null) {
      return new ConflictException(operation + " lost a race with another writer (SQLState "
          + race.getSQLState() + ", code " + race.getErrorCode() + "); re-read and retry");
    }
    return new StoreException(operation + " failed (SQLState " + e.getSQLState() + ", code "
        + e.getErrorCode() + ")", e);
  }

  /** A unique key violation: the row this transaction meant to create was created first. */
  static boolean isDuplicateKey(SQLException e) {
    for (SQLException s = e; s != null; s = s.getNextException()) {
      String state = s.getSQLState();
      if ("23505".equals(state) || ("23000".equals(state) && s.getErrorCode() == 1062)) {
        return true;
      }
    }
    return false;
  }

  /** A missing table (the schema is not installed). */
  static boolean isMissingTable(SQLException e) {
    String state = e.getSQLState();
    return "42P01".equals(state) || "42S02".equals(state) || "42S04".equals(state)
        || e.getErrorCode() == 42102 || e.getErrorCode() == 1146;
  }

  private static SQLException raceIn(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLException s) {
        for (SQLException n = s; n != null; n = n.getNextException()) {
          if (isRace(n)) {
            return n;
          }
        }
      }
    }
    return null;
  }

  private static boolean isRace(SQLException e) {
    String state = e.getSQLState();
    return (state != null && (state.startsWith("23") || state.equals("40001") || state.equals("40P01")))
        || RACE_CODES.contains(e.getErrorCode());
  }
}
