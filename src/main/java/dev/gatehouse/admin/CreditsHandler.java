package dev.gatehouse.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.limits.Currency;
import dev.gatehouse.server.Subsystems;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;

import java.time.Instant;

/**
 * Prepaid credit. Top-ups and new redemption codes create money, so they are the operator's; a
 * customer may read its balance and history and redeem a code it was given.
 */
final class CreditsHandler {
    private final Subsystems s;

    CreditsHandler(Subsystems s) { this.s = s; }

    void routes(Router.Builder b) {
        b.add(HttpMethod.GET, "/customers/{customer_id}/credits", Access.READ, this::balance);
        b.add(HttpMethod.GET, "/customers/{customer_id}/credits/transactions", Access.READ, this::history);
        b.add(HttpMethod.POST, "/customers/{customer_id}/credits/topups", Access.OPERATOR_WRITE, this::topUp);
        b.add(HttpMethod.POST, "/customers/{customer_id}/credits/redeem", Access.WRITE, this::redeem);
        b.add(HttpMethod.POST, "/redemption-codes", Access.OPERATOR_WRITE, this::createCodes);
    }

    private Future<Reply> balance(AdminRequest r) {
        String id = r.customerId();
        // no account yet (never topped up) reads as a zero balance in no currency
        return s.blocking().run(() -> s.credits().account(id)).map(a -> Reply.ok(a.map(Views::account).orElseGet(() -> {
            ObjectNode n = Views.object().put("customer_id", id).putNull("currency").put("balance_nanos", 0L);
            n.putNull("updated_at");
            return n;
        })));
    }

    private Future<Reply> history(AdminRequest r) {
        r.allowQuery("limit");
        int limit = r.queryInt("limit", 100, 1, 1000);
        return s.blocking().run(() -> s.credits().history(r.customerId(), limit)).map(l -> Reply.ok(Views.list(l, Views::transaction)));
    }

    private Future<Reply> topUp(AdminRequest r) {
        Input in = r.input("currency", "amount_nanos", "reference");
        Currency currency = Currency.parse(in.text("currency"), "currency");
        long amount = in.whole("amount_nanos");
        String reference = in.optText("reference");
        return s.blocking().run(() -> s.credits().topUp(r.customerId(), currency, amount, reference)).map(a -> Reply.ok(Views.account(a)));
    }

    private Future<Reply> redeem(AdminRequest r) {
        String code = r.input("code").text("code");
        return s.blocking().run(() -> s.credits().redeem(r.customerId(), code)).map(a -> Reply.ok(Views.account(a)));
    }

    private Future<Reply> createCodes(AdminRequest r) {
        Input in = r.input("count", "currency", "amount_nanos", "expires_at");
        Integer count = in.optInt("count");
        Currency currency = Currency.parse(in.text("currency"), "currency");
        long amount = in.whole("amount_nanos");
        Instant expiresAt = in.optInstant("expires_at");
        return s.blocking().run(() -> s.credits().createCodes(count == null ? 1 : count, currency, amount, expiresAt)).map(codes -> {
            ObjectNode body = Views.object();
            codes.forEach(body.putArray("codes")::add);
            body.put("currency", currency.name()).put("amount_nanos", amount);
            Views.time(body, "expires_at", expiresAt);
            return Reply.created(body);
        });
    }
}
