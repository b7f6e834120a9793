package dev.gatehouse.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.accounts.ApiKey;
import dev.gatehouse.accounts.Customer;
import dev.gatehouse.accounts.Project;
import dev.gatehouse.accounts.ProviderCredential;
import dev.gatehouse.accounts.User;
import dev.gatehouse.limits.CreditAccount;
import dev.gatehouse.limits.CreditTransaction;
import dev.gatehouse.limits.Limits;
import dev.gatehouse.metering.Price;
import dev.gatehouse.metering.UsageTotals;

import java.time.Instant;
import java.util.Collection;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * How each object looks on the wire, field by field: written out rather than serialised by
 * reflection, so no field (a hash, a secret) can slip into a response by being added to a record.
 */
final class Views {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private Views() {}

    static ObjectNode object() { return F.objectNode(); }

    /** {@code {"data": [...]}} as OpenAI lists are. */
    static <T> ObjectNode list(Collection<T> items, Function<T, ObjectNode> view) {
        ObjectNode out = F.objectNode();
        ArrayNode data = out.putArray("data");
        items.forEach(i -> data.add(view.apply(i)));
        return out;
    }

    static ObjectNode customer(Customer c) {
        ObjectNode n = F.objectNode().put("id", c.id()).put("name", c.name()).put("kind", c.kind().wire())
                .put("country", c.country()).put("email", c.email()).put("phone", c.phone()).put("status", c.status().wire());
        time(n, "created_at", c.createdAt());
        time(n, "closed_at", c.closedAt());
        return n;
    }

    static ObjectNode project(Project p) {
        ObjectNode n = F.objectNode().put("id", p.id()).put("customer_id", p.customerId()).put("name", p.name());
        time(n, "created_at", p.createdAt());
        return n;
    }

    static ObjectNode user(User u) {
        ObjectNode n = F.objectNode().put("id", u.id()).put("customer_id", u.customerId()).put("email", u.email())
                .put("role", u.role().wire());
        time(n, "created_at", u.createdAt());
        time(n, "disabled_at", u.disabledAt());
        return n;
    }

    static ObjectNode key(ApiKey k) {
        ObjectNode n = F.objectNode().put("id", k.id()).put("kind", k.kind().wire()).put("prefix", k.prefix())
                .put("name", k.name()).put("customer_id", k.customerId()).put("project_id", k.projectId())
                .put("role", k.role() == null ? null : k.role().wire());
        if (k.models() == null) n.putNull("models");
        else new TreeSet<>(k.models()).forEach(n.putArray("models")::add);
        time(n, "expires_at", k.expiresAt());
        time(n, "revoked_at", k.revokedAt());
        time(n, "last_used_at", k.lastUsedAt());
        time(n, "created_at", k.createdAt());
        return n;
    }

    static ObjectNode credential(ProviderCredential c) {
        ObjectNode n = F.objectNode().put("id", c.id()).put("provider", c.provider()).put("name", c.name());
        time(n, "created_at", c.createdAt());
        time(n, "updated_at", c.updatedAt());
        return n;
    }

    static ObjectNode price(Price p) {
        ObjectNode n = F.objectNode().put("id", p.id()).put("provider", p.provider()).put("model", p.model())
                .put("currency", p.currency()).put("input_per_million", p.inputPerMillion())
                .put("output_per_million", p.outputPerMillion()).put("cached_input_per_million", p.cachedInputPerMillion());
        time(n, "effective_from", p.effectiveFrom());
        return n;
    }

    static ObjectNode limits(Limits l) {
        return F.objectNode().put("scope", l.scope().kind().dbName()).put("scope_id", l.scope().id())
                .put("requests_per_minute", l.requestsPerMinute()).put("tokens_per_minute", l.tokensPerMinute())
                .put("concurrent_requests", l.concurrentRequests())
                .put("budget_currency", l.budgetCurrency() == null ? null : l.budgetCurrency().name())
                .put("budget_day_nanos", l.budgetDayNanos()).put("budget_month_nanos", l.budgetMonthNanos())
                .put("budget_mode", l.budgetMode().dbName());
    }

    static ObjectNode account(CreditAccount a) {
        ObjectNode n = F.objectNode().put("customer_id", a.customerId()).put("currency", a.currency().name())
                .put("balance_nanos", a.balanceNanos());
        time(n, "updated_at", a.updatedAt());
        return n;
    }

    static ObjectNode transaction(CreditTransaction t) {
        ObjectNode n = F.objectNode().put("id", t.id()).put("kind", t.kind().dbName()).put("amount_nanos", t.amountNanos())
                .put("reference", t.reference());
        time(n, "created_at", t.createdAt());
        return n;
    }

    static ObjectNode totals(UsageTotals t) {
        return F.objectNode().put("requests", t.requests()).put("errors", t.errors()).put("input_tokens", t.inputTokens())
                .put("output_tokens", t.outputTokens()).put("cached_tokens", t.cachedTokens()).put("total_tokens", t.totalTokens())
                .put("cost_usd_nanos", t.costUsdNanos()).put("cost_cny_nanos", t.costCnyNanos());
    }

    static void time(ObjectNode n, String field, Instant t) {
        if (t == null) n.putNull(field);
        else n.put(field, t.toString());
    }
}
