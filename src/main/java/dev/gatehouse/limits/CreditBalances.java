package dev.gatehouse.limits;

import dev.gatehouse.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Prepaid balances in memory for the request path. A charge lowers the balance at once (an atomic
 * add), so the next request already sees it, and queues the amount; a background thread writes the
 * queued amounts per customer in one SQL transaction every {@code flushMillis} — never a database
 * write per request, never on an event loop. Invariant: memory = database − queued debits.
 */
public final class CreditBalances implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CreditBalances.class);

    private final Database db;
    private final ConcurrentHashMap<String, Account> accounts = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Long> queued = new ConcurrentHashMap<>();
    private final ScheduledExecutorService flusher;

    CreditBalances(Database db, long flushMillis) {
        this.db = db;
        reload();
        this.flusher = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("gatehouse-credit-debits").factory());
        flusher.scheduleWithFixedDelay(this::flushQuietly, flushMillis, flushMillis, TimeUnit.MILLISECONDS);
    }

    /** Whether the customer has prepaid credit at all (customers without an account are not limited by it). */
    public boolean hasAccount(String customerId) { return customerId != null && accounts.containsKey(customerId); }

    /** The balance in memory (including charges not yet written), or null without an account. */
    public CreditAccount balance(String customerId) {
        Account a = customerId == null ? null : accounts.get(customerId);
        return a == null ? null : new CreditAccount(customerId, a.currency, a.balance.get(), null);
    }

    /** Lowers the balance by the cost in the account's currency now; writes it to the database soon. */
    public void charge(String customerId, Spend cost) {
        Account a = customerId == null ? null : accounts.get(customerId);
        if (a == null) return;
        long amount = cost.in(a.currency);
        if (amount <= 0) return;
        a.balance.addAndGet(-amount);
        queued.merge(customerId, amount, Long::sum);
    }

    /** Writes every queued charge (blocking). Amounts that fail to write stay queued for the next try. */
    public synchronized void flush() {
        for (String customerId : queued.keySet()) {
            Long amount = queued.remove(customerId);
            if (amount == null || amount == 0) continue;
            try {
                db.inTransaction(c -> CreditSql.debit(c, customerId, amount, CreditTransaction.Kind.USAGE, "requests", Instant.now()));
            } catch (RuntimeException e) {
                queued.merge(customerId, amount, Long::sum);
                throw e;
            }
        }
    }

    /** Re-reads every account (blocking): picks up changes made by another gateway instance. */
    public synchronized void reload() {
        Map<String, CreditAccount> fresh = db.withConnection(c -> {
            Map<String, CreditAccount> m = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT customer_id, currency, balance_nanos FROM credit_accounts");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    m.put(rs.getString(1), new CreditAccount(rs.getString(1), Currency.valueOf(rs.getString(2).trim()), rs.getLong(3), null));
                }
            }
            return m;
        });
        fresh.forEach((id, acc) -> accounts.compute(id, (k, old) -> {
            long balance = acc.balanceNanos() - queued.getOrDefault(id, 0L);
            if (old == null || old.currency != acc.currency()) return new Account(acc.currency(), balance);
            old.balance.set(balance);
            return old;
        }));
    }

    /** A committed credit (top-up, redemption) or adjustment, applied to memory. */
    void applied(String customerId, Currency currency, long delta) {
        accounts.compute(customerId, (k, old) -> {
            if (old == null) return new Account(currency, delta);
            old.balance.addAndGet(delta);
            return old;
        });
    }

    @Override
    public void close() {
        flusher.shutdown();
        try {
            flusher.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flush();
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            log.warn("could not write prepaid credit charges yet; they stay queued: {}", e.getMessage());
        }
    }

    private static final class Account {
        final Currency currency;
        final AtomicLong balance;

        Account(Currency currency, long balance) {
            this.currency = currency;
            this.balance = new AtomicLong(balance);
        }
    }
}
