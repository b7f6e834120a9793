package dev.gatehouse.limits;

import dev.gatehouse.crypto.Sha256;
import dev.gatehouse.store.Database;
import dev.gatehouse.store.Ids;
import dev.gatehouse.store.StoreException;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Prepaid credit: accounts, their transactions, and redemption codes. Every balance change and its
 * transaction row commit together. Methods block on JDBC (call them through
 * {@link dev.gatehouse.store.Blocking}); the request path uses {@link #balances()} instead.
 */
public final class CreditStore implements AutoCloseable {
    /** How often charges from the request path are written. */
    public static final long DEFAULT_FLUSH_MILLIS = 200;
    private static final int MAX_CODES = 10_000;

    private final Database db;
    private final Clock clock;
    private final CreditBalances balances;

    /** Opens the store and loads every balance into memory (blocking; once at start-up). */
    public CreditStore(Database db) { this(db, Clock.systemUTC(), DEFAULT_FLUSH_MILLIS); }

    public CreditStore(Database db, Clock clock, long flushMillis) {
        this.db = db;
        this.clock = clock;
        this.balances = new CreditBalances(db, flushMillis);
    }

    /** The in-memory balances the request path checks and charges. */
    public CreditBalances balances() { return balances; }

    /** Adds prepaid credit, opening the account in {@code currency} on the first top-up. */
    public CreditAccount topUp(String customerId, Currency currency, long amountNanos, String reference) {
        requireCustomer(customerId);
        if (currency == null) throw new ValidationException("currency", "currency (USD or CNY) is required");
        positive(amountNanos);
        Instant now = clock.instant();
        CreditAccount after = retryingDuplicates(() -> db.inTransaction(c -> {
            CreditSql.credit(c, customerId, currency, amountNanos, CreditTransaction.Kind.TOPUP, reference, now);
            return CreditSql.account(c, customerId);
        }));
        balances.applied(customerId, currency, amountNanos);
        return after;
    }

    /** Takes credit away by hand (a correction); the customer must have an account. */
    public CreditAccount adjustDown(String customerId, long amountNanos, String reference) {
        requireCustomer(customerId);
        positive(amountNanos);
        CreditAccount after = db.inTransaction(c -> {
            if (!CreditSql.debit(c, customerId, amountNanos, CreditTransaction.Kind.ADJUST, reference, clock.instant())) {
                throw new ValidationException("customer_id", "customer " + customerId + " has no credit account");
            }
            return CreditSql.account(c, customerId);
        });
        balances.applied(customerId, after.currency(), -amountNanos);
        return after;
    }

    /** The account with the balance this instance knows (charges not yet written included). */
    public Optional<CreditAccount> account(String customerId) {
        CreditAccount stored = db.withConnection(c -> CreditSql.account(c, customerId));
        if (stored == null) return Optional.empty();
        CreditAccount live = balances.balance(customerId);
        return Optional.of(live == null ? stored : new CreditAccount(customerId, stored.currency(), live.balanceNanos(), stored.updatedAt()));
    }

    /** The newest {@code limit} transactions first. Charges appear once {@link CreditBalances#flush()} has written them. */
    public List<CreditTransaction> history(String customerId, int limit) {
        return db.withConnection(c -> {
            List<CreditTransaction> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, kind, amount_nanos, reference, created_at FROM credit_transactions"
                    + " WHERE customer_id = ? ORDER BY created_at DESC, id DESC LIMIT ?")) {
                ps.setString(1, customerId);
                ps.setInt(2, Math.max(1, limit));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new CreditTransaction(rs.getString(1), customerId, CreditTransaction.Kind.fromDb(rs.getString(2)),
                                rs.getLong(3), rs.getString(4), rs.getTimestamp(5).toInstant()));
                    }
                }
            }
            return out;
        });
    }

    /**
     * Creates {@code count} codes worth {@code amountNanos} each, valid until {@code expiresAt}
     * (null: forever). The codes are returned this once; only their SHA-256 is stored.
     */
    public List<String> createCodes(int count, Currency currency, long amountNanos, Instant expiresAt) {
        if (count < 1 || count > MAX_CODES) throw new ValidationException("count", "count must be between 1 and " + MAX_CODES + ", not " + count);
        if (currency == null) throw new ValidationException("currency", "currency (USD or CNY) is required");
        positive(amountNanos);
        Instant now = clock.instant();
        if (expiresAt != null && !expiresAt.isAfter(now)) throw new ValidationException("expires_at", "expires_at must be in the future");
        List<String> codes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) codes.add("ghc_" + Ids.random(26));
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO redemption_codes (id, code_hash, currency, amount_nanos,"
                    + " created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                for (String code : codes) {
                    ps.setString(1, Ids.next("rdc"));
                    ps.setString(2, hash(code));
                    ps.setString(3, currency.name());
                    ps.setLong(4, amountNanos);
                    ps.setTimestamp(5, Timestamp.from(now));
                    ps.setTimestamp(6, expiresAt == null ? null : Timestamp.from(expiresAt));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
        return codes;
    }

    /**
     * Redeems a code for a customer: exactly once, however many try at the same time. The code is
     * marked and the credit added in one SQL transaction; a {@link RedemptionException} says why
     * a code does not count (unknown, used, expired), and then nothing changed.
     */
    public CreditAccount redeem(String customerId, String code) {
        requireCustomer(customerId);
        if (code == null || code.isBlank()) throw new ValidationException("code", "code is required");
        String hash = hash(code.trim());
        Instant now = clock.instant();
        Redeemed r = retryingDuplicates(() -> db.inTransaction(c -> {
            int won;
            try (PreparedStatement ps = c.prepareStatement("UPDATE redemption_codes SET redeemed_by = ?, redeemed_at = ?"
                    + " WHERE code_hash = ? AND redeemed_by IS NULL AND (expires_at IS NULL OR expires_at > ?)")) {
                ps.setString(1, customerId);
                ps.setTimestamp(2, Timestamp.from(now));
                ps.setString(3, hash);
                ps.setTimestamp(4, Timestamp.from(now));
                won = ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT id, currency, amount_nanos, redeemed_by FROM redemption_codes"
                    + " WHERE code_hash = ?")) {
                ps.setString(1, hash);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) throw new RedemptionException(RedemptionException.Reason.UNKNOWN, "this redemption code does not exist");
                    if (won == 0) {
                        if (rs.getString(4) != null) throw new RedemptionException(RedemptionException.Reason.USED, "this redemption code has already been used");
                        throw new RedemptionException(RedemptionException.Reason.EXPIRED, "this redemption code has expired");
                    }
                    Currency currency = Currency.valueOf(rs.getString(2).trim());
                    long amount = rs.getLong(3);
                    CreditSql.credit(c, customerId, currency, amount, CreditTransaction.Kind.REDEEM, "code " + rs.getString(1), now);
                    return new Redeemed(CreditSql.account(c, customerId), currency, amount);
                }
            }
        }));
        balances.applied(customerId, r.currency, r.amount);
        return r.account;
    }

    @Override
    public void close() { balances.close(); }

    private record Redeemed(CreditAccount account, Currency currency, long amount) {}

    /** Two first top-ups of one customer race to open the account; the loser tries again as an update. */
    private static <T> T retryingDuplicates(java.util.function.Supplier<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return work.get();
            } catch (StoreException e) {
                if (!e.isDuplicate() || attempt == 3) throw e;
            }
        }
    }

    private static void requireCustomer(String customerId) {
        if (customerId == null || customerId.isBlank()) throw new ValidationException("customer_id", "customer_id is required");
    }

    private static void positive(long amountNanos) {
        if (amountNanos <= 0) throw new ValidationException("amount_nanos", "amount_nanos must be a positive number, not " + amountNanos);
    }

    static String hash(String code) {
        return Sha256.hex(code);
    }
}
