package dev.gatehouse.accounts;

import dev.gatehouse.store.StoreException;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** JDBC details the stores share: times as UTC {@code TIMESTAMP WITH TIME ZONE}, nulls, duplicates. */
final class Sql {
    private Sql() {}

    /** Now, at the precision both stores keep (microseconds), so what is returned equals what is read back. */
    static Instant now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** {@code t} at the stores' precision (microseconds); null stays null. */
    static Instant truncate(Instant t) {
        return t == null ? null : t.truncatedTo(ChronoUnit.MICROS);
    }

    static void time(PreparedStatement ps, int i, Instant t) throws SQLException {
        if (t == null) ps.setNull(i, Types.TIMESTAMP_WITH_TIMEZONE);
        else ps.setObject(i, t.atOffset(ZoneOffset.UTC));
    }

    static Instant time(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    static void text(PreparedStatement ps, int i, String s) throws SQLException {
        if (s == null) ps.setNull(i, Types.VARCHAR);
        else ps.setString(i, s);
    }

    /** Runs {@code work}, turning a broken unique constraint into a {@link AccountsException.Duplicate} on {@code field}. */
    static <T> T unique(String field, String message, java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (StoreException e) {
            if (e.isDuplicate()) throw new AccountsException.Duplicate(field, message);
            throw e;
        }
    }
}
