package dev.gatehouse.admin;

import dev.gatehouse.api.GatewayException;
import dev.gatehouse.limits.BudgetMode;
import dev.gatehouse.limits.Currency;
import dev.gatehouse.limits.Limits;
import dev.gatehouse.limits.ScopeRef;
import dev.gatehouse.server.Subsystems;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;

import java.util.function.Function;

/**
 * Limits of a customer, one of its projects or one of its keys. Each path reaches the scope
 * through its customer, so isolation is the customer check plus "this project/key is the
 * customer's". A customer's own limits are the operator's to set (they cap what the operator
 * extends credit for); a customer may set limits on its projects and keys.
 */
final class LimitsHandler {
    private static final String[] FIELDS = {"requests_per_minute", "tokens_per_minute", "concurrent_requests",
            "budget_currency", "budget_day_nanos", "budget_month_nanos", "budget_mode"};

    private final Subsystems s;

    LimitsHandler(Subsystems s) { this.s = s; }

    void routes(Router.Builder b) {
        scope(b, "/customers/{customer_id}/limits", Access.OPERATOR_WRITE, r -> ScopeRef.customer(r.customerId()));
        scope(b, "/customers/{customer_id}/projects/{project_id}/limits", Access.WRITE, this::project);
        scope(b, "/customers/{customer_id}/keys/{key_id}/limits", Access.WRITE, this::key);
    }

    private void scope(Router.Builder b, String pattern, Access write, Function<AdminRequest, ScopeRef> scope) {
        b.add(HttpMethod.GET, pattern, Access.READ, r -> s.blocking().run(() -> {
            ScopeRef ref = scope.apply(r);
            return s.limits().get(ref).orElseThrow(() -> none(ref));
        }).map(l -> Reply.ok(Views.limits(l))));
        b.add(HttpMethod.PUT, pattern, write, r -> put(r, scope));
        b.add(HttpMethod.DELETE, pattern, write, r -> s.blocking().run(() -> {
            ScopeRef ref = scope.apply(r);
            if (!s.limits().delete(ref)) throw none(ref);
            return Reply.noContent();
        }));
    }

    private static GatewayException none(ScopeRef ref) {
        return AdminErrors.notFound("limits are set for " + ref.describe());
    }

    private Future<Reply> put(AdminRequest r, Function<AdminRequest, ScopeRef> scope) {
        Input in = r.input(FIELDS);
        Integer rpm = in.optInt("requests_per_minute");
        Long tpm = in.optWhole("tokens_per_minute");
        Integer concurrent = in.optInt("concurrent_requests");
        Currency currency = in.has("budget_currency") ? Currency.parse(in.text("budget_currency"), "budget_currency") : null;
        Long day = in.optWhole("budget_day_nanos");
        Long month = in.optWhole("budget_month_nanos");
        BudgetMode mode = in.has("budget_mode") ? BudgetMode.parse(in.text("budget_mode"), "budget_mode") : null;
        if (rpm == null && tpm == null && concurrent == null && day == null && month == null) {
            throw GatewayException.invalid("Set at least one limit; to remove limits, DELETE them.", null);
        }
        return s.blocking().run(() -> {
            // validated whole before anything is written: the record's constructor refuses negative and zero limits
            Limits limits = new Limits(scope.apply(r), rpm, tpm, concurrent, currency, day, month, mode);
            return s.limits().put(limits);
        }).map(l -> Reply.ok(Views.limits(l)));
    }

    /** Runs on a blocking thread: the project must be the customer's. */
    private ScopeRef project(AdminRequest r) {
        String id = r.path("project_id");
        s.projects().get(r.customerId(), id).orElseThrow(() -> AdminErrors.notFound("project " + id));
        return ScopeRef.project(id);
    }

    private ScopeRef key(AdminRequest r) {
        String id = r.path("key_id");
        s.keys().get(r.customerId(), id).orElseThrow(() -> AdminErrors.notFound("key " + id));
        return ScopeRef.key(id);
    }
}
