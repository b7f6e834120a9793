package dev.gatehouse.limits;

import dev.gatehouse.store.Ids;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/** The SQL that moves a balance; every change writes its transaction row in the caller's SQL transaction. */
final class CreditSql {
    private CreditSql() {}

    /** Adds to a balance, opening the account in {@code currency} if the customer has none. */
    static void credit(Connection c, String customerId, Currency currency, long amount, CreditTransaction.Kind kind,
                       String reference, Instant now) throws SQLException {
        int updated;
        try (PreparedStatement ps = c.prepareStatement("UPDATE credit_accounts SET balance_nanos = balance_nanos + ?,"
                + " updated_at = ? WHERE customer_id = ? AND currency = ?")) {
            ps.setLong(1, amount);
            ps.setTimestamp(2, Timestamp.from(now));
            ps.setString(3, customerId);
            ps.setString(4, currency.name());
            updated = ps.executeUpdate();
        }
        if (updated == 0) {
            Currency existing = currencyOf(c, customerId);
            if (existing != null) {
                throw new ValidationException("currency", "customer " + customerId + "'s credit is kept in " + existing
                        + "; it cannot take " + currency);
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO credit_accounts (customer_id, currency, balance_nanos,"
                    + " updated_at) VALUES (?, ?, ?, ?)")) {
                ps.setString(1, customerId);
                ps.setString(2, currency.name());
                ps.setLong(3, amount);
                ps.setTimestamp(4, Timestamp.from(now));
                ps.executeUpdate();
            }
        }
        record(c, customerId, kind, amount, reference, now);
    }

    /** Takes from a balance (it may go below zero); false if the customer has no account. */
    static boolean debit(Connection c, String customerId, long amount, CreditTransaction.Kind kind, String reference,
                         Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE credit_accounts SET balance_nanos = balance_nanos - ?,"
                + " updated_at = ? WHERE customer_id = ?")) {
            ps.setLong(1, amount);
            ps.setTimestamp(2, Timestamp.from(now));
            ps.setString(3, customerId);
            if (ps.executeUpdate() == 0) return false;
        }
        record(c, customerId, kind, -amount, reference, now);
        return true;
    }

    static Currency currencyOf(Connection c, String customerId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT currency FROM credit_accounts WHERE customer_id = ?")) {
            ps.setString(1, customerId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Currency.valueOf(rs.getString(1).trim()) : null;
            }
        }
    }

    static CreditAccount account(Connection c, String customerId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT currency, balance_nanos, updated_at FROM credit_accounts"
                + " WHERE customer_id = ?")) {
            ps.setString(1, customerId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new CreditAccount(customerId, Currency.valueOf(rs.getString(1).trim()), rs.getLong(2),
                        rs.getTimestamp(3).toInstant()) : null;
            }
        }
    }

    private static void record(Connection c, String customerId, CreditTransaction.Kind kind, long amount, String reference,
                               Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO credit_transactions (id, customer_id, kind, amount_nanos,"
                + " reference, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, Ids.next("ctx"));
            ps.setString(2, customerId);
            ps.setString(3, kind.dbName());
            ps.setLong(4, amount);
            ps.setString(5, reference);
            ps.setTimestamp(6, Timestamp.from(now));
            ps.executeUpdate();
        }
    }
}
