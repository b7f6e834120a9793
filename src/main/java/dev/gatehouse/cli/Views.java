package dev.gatehouse.cli;

import dev.gatehouse.accounts.ApiKey;
import dev.gatehouse.accounts.Customer;
import dev.gatehouse.accounts.Project;
import dev.gatehouse.accounts.User;
import dev.gatehouse.limits.CreditAccount;
import dev.gatehouse.limits.Limits;
import dev.gatehouse.metering.Price;
import dev.gatehouse.metering.UsageTotals;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The CLI's rows: each domain record as an ordered map with snake_case names and wire values
 * (lower-case enums, ISO times, money as decimal strings beside exact nano-units). Never a secret.
 */
final class Views {
    private Views() {}

    static Map<String, Object> customer(Customer c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("name", c.name());
        m.put("kind", c.kind().wire());
        m.put("country", c.country());
        m.put("email", c.email());
        m.put("phone", c.phone());
        m.put("status", c.status().wire());
        m.put("created_at", time(c.createdAt()));
        m.put("closed_at", time(c.closedAt()));
        return m;
    }

    static Map<String, Object> project(Project p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id());
        m.put("customer_id", p.customerId());
        m.put("name", p.name());
        m.put("created_at", time(p.createdAt()));
        return m;
    }

    static Map<String, Object> key(ApiKey k) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", k.id());
        m.put("kind", k.kind().wire());
        m.put("prefix", k.prefix());
        m.put("name", k.name());
        m.put("customer_id", k.customerId());
        m.put("project_id", k.projectId());
        m.put("role", k.role() == null ? null : k.role().wire());
        m.put("models", k.models() == null ? null : k.models().stream().sorted().toList());
        m.put("status", k.revoked() ? "revoked" : k.expiredAt(Instant.now()) ? "expired" : "active");
        m.put("expires_at", time(k.expiresAt()));
        m.put("revoked_at", time(k.revokedAt()));
        m.put("last_used_at", time(k.lastUsedAt()));
        m.put("created_at", time(k.createdAt()));
        return m;
    }

    static Map<String, Object> user(User u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", u.id());
        m.put("email", u.email());
        m.put("role", u.role().wire());
        m.put("customer_id", u.customerId());
        m.put("created_at", time(u.createdAt()));
        return m;
    }

    static Map<String, Object> price(Price p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id());
        m.put("provider", p.provider());
        m.put("model", p.model());
        m.put("currency", p.currency());
        m.put("input_per_million", plain(p.inputPerMillion()));
        m.put("output_per_million", plain(p.outputPerMillion()));
        m.put("cached_input_per_million", plain(p.cachedInputPerMillion()));
        m.put("effective_from", time(p.effectiveFrom()));
        return m;
    }

    static Map<String, Object> limits(Limits l) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scope", l.scope().kind().dbName());
        m.put("id", l.scope().id());
        m.put("requests_per_minute", l.requestsPerMinute());
        m.put("tokens_per_minute", l.tokensPerMinute());
        m.put("concurrent_requests", l.concurrentRequests());
        m.put("budget_currency", l.budgetCurrency() == null ? null : l.budgetCurrency().name());
        money(m, "budget_day", l.budgetDayNanos());
        money(m, "budget_month", l.budgetMonthNanos());
        m.put("budget_mode", l.budgetMode().dbName());
        return m;
    }

    static Map<String, Object> credit(CreditAccount a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("customer_id", a.customerId());
        m.put("currency", a.currency().name());
        money(m, "balance", a.balanceNanos());
        return m;
    }

    /** Usage totals after the given leading columns (a group, a bucket start). */
    static Map<String, Object> usage(Map<String, Object> leading, UsageTotals t) {
        Map<String, Object> m = new LinkedHashMap<>(leading);
        m.put("requests", t.requests());
        m.put("errors", t.errors());
        m.put("input_tokens", t.inputTokens());
        m.put("output_tokens", t.outputTokens());
        m.put("cached_tokens", t.cachedTokens());
        money(m, "cost_usd", t.costUsdNanos());
        money(m, "cost_cny", t.costCnyNanos());
        return m;
    }

    /** {@code name} as a decimal string and {@code name_nanos} exactly; both null when {@code nanos} is. */
    private static void money(Map<String, Object> m, String name, Long nanos) {
        m.put(name, nanos == null ? null : Money.format(nanos));
        m.put(name + "_nanos", nanos);
    }

    private static String plain(BigDecimal d) {
        return d == null ? null : d.stripTrailingZeros().toPlainString();
    }

    private static String time(Instant t) {
        return t == null ? null : t.toString();
    }
}
