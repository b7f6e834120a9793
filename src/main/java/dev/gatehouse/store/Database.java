package dev.gatehouse.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.gatehouse.config.ConfigException;
import dev.gatehouse.config.StoreConfig;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/**
 * The store: a pooled JDBC data source, migrated by Flyway on open. One set of migrations serves
 * both the embedded H2 database (run in PostgreSQL mode) and PostgreSQL.
 * All calls block: run them through {@link Blocking}, never on an event loop.
 */
public final class Database implements AutoCloseable {
    private final HikariDataSource dataSource;
    private final boolean postgres;
    /** H2 only: the session that ran the migrations, held until {@link #close} (see {@link SchemaSession}). */
    private final SchemaSession schemaSession;

    private Database(HikariDataSource dataSource, boolean postgres, SchemaSession schemaSession) {
        this.dataSource = dataSource;
        this.postgres = postgres;
        this.schemaSession = schemaSession;
    }

    public static Database open(StoreConfig config) {
        String url = config.url();
        boolean postgres = url.startsWith("jdbc:postgresql:");
        if (!postgres && !url.startsWith("jdbc:h2:")) {
            throw new ConfigException("store.url must be a jdbc:h2: or jdbc:postgresql: URL, not " + url);
        }
        HikariConfig hc = new HikariConfig();
        String jdbcUrl = postgres ? url : h2Url(url);
        hc.setJdbcUrl(jdbcUrl);
        if (postgres) hc.addDataSourceProperty(PG_REWRITE_BATCHES, "true"); // a parameter in the URL wins
        if (config.user() != null) hc.setUsername(config.user());
        if (config.password() != null) hc.setPassword(config.password().value());
        hc.setMaximumPoolSize(config.maxPoolSize());
        hc.setPoolName("gatehouse-store");
        hc.setConnectionTimeout(10_000);
        HikariDataSource ds;
        try {
            ds = new HikariDataSource(hc);
        } catch (RuntimeException e) {
            throw new ConfigException("cannot open the store at " + redact(url) + ": " + rootMessage(e), e);
        }
        SchemaSession schemaSession = null;
        try {
            if (!postgres) schemaSession = SchemaSession.open(jdbcUrl, config.user(), config.password() == null ? null : config.password().value());
            Flyway.configure().dataSource(postgres ? ds : schemaSession).locations("classpath:db/migration").load().migrate();
        } catch (FlywayException | SQLException e) {
            ds.close();
            ConfigException failure = new ConfigException("cannot migrate the store at " + redact(url) + ": " + rootMessage(e), e);
            if (schemaSession != null) {
                try {
                    schemaSession.close();
                } catch (SQLException closing) {
                    failure.addSuppressed(closing);
                }
            }
            throw failure;
        }
        return new Database(ds, postgres, schemaSession);
    }

    public DataSource dataSource() { return dataSource; }

    public boolean isPostgres() { return postgres; }

    public Connection connection() throws SQLException { return dataSource.getConnection(); }

    /** Runs {@code work} in one transaction, committed if it returns, rolled back if it throws. */
    public <T> T inTransaction(SqlWork<T> work) {
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    /** Runs {@code work} on a pooled connection in auto-commit mode. */
    public <T> T withConnection(SqlWork<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    @Override
    public void close() {
        dataSource.close();
        if (schemaSession == null) return;
        try {
            schemaSession.close();
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    /** Work against a connection that may throw {@link SQLException}. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    /**
     * PostgreSQL's driver sends a JDBC batch of INSERTs as multi-row INSERTs instead of one
     * statement per row: the audit log's appends and the other batched inserts. With every control
     * on PostgreSQL this served 26-31 % more requests a second in interleaved rounds
     * (docs/benchmarks/NOTES.md, "PostgreSQL's inserts, many rows at a time"). Such a batch reports
     * no count per row, so code that needs the count of rows inserted writes its own multi-row
     * statement ({@code LedgerLoader}).
     */
    static final String PG_REWRITE_BATCHES = "reWriteBatchedInserts";

    /**
     * How long a file database keeps committed changes in memory before it writes them, in ms (H2's
     * default is 500). Under load the unwritten pages of the ledger and the audit log are what
     * survives the collector's young collections: at 50 ms half as many bytes survive, the heap's
     * peak falls by some 40 % and the young pauses by some 15 % (docs/benchmarks/NOTES.md, "H2's
     * write delay and page cache"); a crash also loses less.
     */
    static final int H2_WRITE_DELAY_MS = 50;

    /**
     * The page cache of a file database, in KB (H2's default is 16 MB). The gateway's writes append
     * to the end of time-ordered B-trees and need few cached pages; every cached page is an object
     * graph the collector copies between survivor spaces until it is promoted. Against 16 MB, 4 MB
     * cut the young pauses by a third and the heap's peak by some 40 % under load; 1 MB cut the
     * pauses by another fifth and the p99 at 5,000 req/s by a quarter, at the same throughput
     * (docs/benchmarks/NOTES.md, "H2's page cache, smaller again"). Report queries over long
     * periods read more pages from the file (which the OS caches); a URL can set its own CACHE_SIZE.
     */
    static final int H2_CACHE_SIZE_KB = 1024;

    /**
     * H2 in PostgreSQL mode, lower-case identifiers like PostgreSQL, and a file that closes cleanly,
     * writes its changes within {@link #H2_WRITE_DELAY_MS} and caches {@link #H2_CACHE_SIZE_KB} of
     * pages (unless the URL sets its own delay or cache size). A URL that sets MODE is taken as it is.
     */
    static String h2Url(String url) {
        String extra = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
        if (url.startsWith("jdbc:h2:file:") || (!url.startsWith("jdbc:h2:mem:") && !url.startsWith("jdbc:h2:tcp:"))) {
            extra += ";DB_CLOSE_ON_EXIT=FALSE";
            String upper = url.toUpperCase(Locale.ROOT);
            if (!upper.contains(";WRITE_DELAY=")) extra += ";WRITE_DELAY=" + H2_WRITE_DELAY_MS;
            if (!upper.contains(";CACHE_SIZE=")) extra += ";CACHE_SIZE=" + H2_CACHE_SIZE_KB;
        }
        if (url.startsWith("jdbc:h2:mem:")) extra += ";DB_CLOSE_DELAY=-1";
        return url.contains(";MODE=") ? url : url + extra;
    }

    private static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^;&]*", "$1****");
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t.getMessage();
    }
}
