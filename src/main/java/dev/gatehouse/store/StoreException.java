package dev.gatehouse.store;

import java.sql.SQLException;

/** A store operation failed (connection lost, constraint broken). Carries the SQL state. */
public final class StoreException extends RuntimeException {
    public StoreException(SQLException cause) {
        super(cause.getMessage(), cause);
    }

    public String sqlState() {
        return getCause() instanceof SQLException s ? s.getSQLState() : null;
    }

    /** Whether a unique or primary-key constraint was broken (same SQL state in H2 and PostgreSQL). */
    public boolean isDuplicate() {
        return "23505".equals(sqlState());
    }
}
