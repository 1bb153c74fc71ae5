package io.securerecords.jdbc;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The least a host's pool does, for tests that make many calls: a closed connection goes back to
 * an idle list instead of to the server. Like a pool that trusts its borrowers, it does not reset
 * the connection, so it checks instead that each comes back as it was lent (auto-commit on, the
 * same isolation, no open transaction); a store that leaves one changed fails the test.
 */
final class ReusingDataSource implements DataSource, AutoCloseable {
  private final DataSource target;
  private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();
  private volatile int isolation = -1;

  ReusingDataSource(DataSource target) {
    this.target = target;
  }

  @Override
  public Connection getConnection() throws SQLException {
    Connection physical = idle.pollFirst();
    if (physical == null) {
      physical = target.getConnection();
      isolation = physical.getTransactionIsolation();
    }
    Connection lent = physical;
    boolean[] closed = {false};
    return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
        new Class<?>[] {Connection.class}, (proxy, method, args) -> {
          switch (method.getName()) {
            case "close" -> {
              if (!closed[0]) {
                closed[0] = true;
                giveBack(lent);
              }
              return null;
            }
            case "isClosed" -> {
              return closed[0] || lent.isClosed();
            }
            default -> {
              if (closed[0]) {
                throw new SQLException("connection already returned");
              }
              try {
                return method.invoke(lent, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            }
          }
        });
  }

  private void giveBack(Connection physical) throws SQLException {
    if (!physical.getAutoCommit() || physical.getTransactionIsolation() != isolation) {
      physical.close();
      throw new IllegalStateException("a connection came back with auto-commit off or another isolation");
    }
    idle.addFirst(physical);
  }

  @Override
  public void close() throws SQLException {
    for (Connection c = idle.pollFirst(); c != null; c = idle.pollFirst()) {
      c.close();
    }
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException();
  }

  @Override
  public PrintWriter getLogWriter() {
    return null;
  }

  @Override
  public void setLogWriter(PrintWriter out) {}

  @Override
  public void setLoginTimeout(int seconds) {}

  @Override
  public int getLoginTimeout() {
    return 0;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    throw new SQLException("not a wrapper");
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return false;
  }
}
