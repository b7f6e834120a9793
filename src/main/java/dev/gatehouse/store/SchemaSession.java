package dev.gatehouse.store;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The embedded database's session that runs the migrations, open as long as the store is. H2
 * 2.4.240 binds a {@code CHECK (x IN (...))} constraint to the session that ran its DDL (H2 issues
 * #4291, #4302): once that session closes while the database stays open, every insert into such a
 * table fails with "Check constraint invalid". The pool retires its connections over time, so
 * Flyway runs here instead, on one connection outside the pool that closes only with the store.
 * (H2 2.5 fixes that bug, but its file store does not survive a SIGKILL: see {@code KillNineStressTest}.)
 * An in-memory database lives until the JVM ends and may be opened again by a later store, so its
 * session lives as long: one per database, never closed.
 */
final class SchemaSession implements DataSource, AutoCloseable {
    private static final Map<String, SchemaSession> IN_MEMORY = new HashMap<>(); // guarded by itself

    private final Connection connection;
    private final Connection unclosable;
    private final boolean inMemory;

    /** The session for the database at {@code url}: a new one, or an in-memory database's own. */
    static SchemaSession open(String url, String user, String password) throws SQLException {
        if (!url.startsWith("jdbc:h2:mem:")) return new SchemaSession(url, user, password, false);
        synchronized (IN_MEMORY) {
            SchemaSession session = IN_MEMORY.get(url);
            if (session == null || session.connection.isClosed()) {
                session = new SchemaSession(url, user, password, true);
                IN_MEMORY.put(url, session);
            }
            return session;
        }
    }

    private SchemaSession(String url, String user, String password, boolean inMemory) throws SQLException {
        this.inMemory = inMemory;
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

    /** Closes the session, unless its database is in memory (see the class comment). */
    @Override
    public void close() throws SQLException {
        if (!inMemory) connection.close();
    }

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
