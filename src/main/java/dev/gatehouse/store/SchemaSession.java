package dev.gatehouse.store;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;

/**
 * The embedded database's session that runs the migrations, open as long as the store is. H2
 * 2.4.240 binds a {@code CHECK (x IN (...))} constraint to the session that ran its DDL (H2 issues
 * #4291, #4302): once that session closes while the database stays open, every insert into such a
 * table fails with "Check constraint invalid". The pool retires its connections over time, so
 * Flyway runs here instead, on one connection outside the pool that closes only with the store.
 * (H2 2.5 fixes that bug, but its file store does not survive a SIGKILL: see {@code KillNineStressTest}.)
 */
final class SchemaSession implements DataSource, AutoCloseable {
    private final Connection connection;
    private final Connection unclosable;

    SchemaSession(String url, String user, String password) throws SQLException {
        this.connection = DriverManager.getConnection(url, user, password == null ? "" : password);
        this.unclosable = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[]{Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("close") && method.getParameterCount() == 0) return null; // Flyway's close: keep it
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Override
    public Connection getConnection() { return unclosable; }

    @Override
    public Connection getConnection(String username, String password) { return unclosable; }

    @Override
    public void close() throws SQLException { connection.close(); }

    @Override
    public PrintWriter getLogWriter() { return null; }

    @Override
    public void setLogWriter(PrintWriter out) {}

    @Override
    public void setLoginTimeout(int seconds) {}

    @Override
    public int getLoginTimeout() { return 0; }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException { throw new SQLFeatureNotSupportedException(); }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException { throw new SQLException("not a wrapper of " + type.getName()); }

    @Override
    public boolean isWrapperFor(Class<?> type) { return false; }
}
