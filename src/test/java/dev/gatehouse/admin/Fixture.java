package dev.gatehouse.admin;

import dev.gatehouse.accounts.NewApiKey;
import dev.gatehouse.accounts.NewUser;
import dev.gatehouse.accounts.Role;
import dev.gatehouse.config.Secret;
import dev.gatehouse.limits.Currency;
import dev.gatehouse.limits.Limits;
import dev.gatehouse.limits.ScopeRef;
import dev.gatehouse.store.Ids;

import java.util.Map;
import java.util.Set;

/**
 * One customer with one of everything, made straight in the stores (set-up, not under test), and
 * the concrete path and a valid body for every route, so tests can loop over the whole router.
 */
record Fixture(String customerId, String projectId, String keyId, String keySecret, String userId, String operatorKeyId) {

    static Fixture create(AdminRig rig, String name) {
        var s = rig.s();
        String cus = rig.customer(name + " " + Ids.random(6));
        String prj = s.projects().create(cus, "project").id();
        var key = s.keys().create(NewApiKey.client("k", cus, prj, null, null));
        String user = s.users().create(new NewUser(cus, "u-" + Ids.random(8) + "@example.com", new Secret("long enough password"), Role.VIEWER)).id();
        String opKey = s.keys().create(NewApiKey.admin("op", null, Role.VIEWER)).key().id();
        s.limits().put(Limits.none(ScopeRef.customer(cus)).withRequestsPerMinute(1000));
        s.limits().put(Limits.none(ScopeRef.project(prj)).withRequestsPerMinute(1000));
        s.limits().put(Limits.none(ScopeRef.key(key.key().id())).withRequestsPerMinute(1000));
        s.credits().topUp(cus, Currency.USD, 1_000_000_000L, "fixture");
        return new Fixture(cus, prj, key.key().id(), key.secret().value(), user, opKey);
    }

    /** {@code pattern} with this fixture's ids. */
    String path(String pattern) {
        return pattern.replace("{customer_id}", customerId).replace("{project_id}", projectId).replace("{key_id}", keyId)
                .replace("{user_id}", userId).replace("{provider}", "openai").replace("{name}", "main")
                .replace("{case_id}", "case_none");
    }

    /** {@code pattern} with this fixture's customer but {@code other}'s project, key and user. */
    String pathWithForeignObjects(String pattern, Fixture other) {
        return pattern.replace("{customer_id}", customerId).replace("{project_id}", other.projectId).replace("{key_id}", other.keyId)
                .replace("{user_id}", other.userId);
    }

    /** A body each write route accepts (fresh names, so it would succeed if the call were allowed). */
    static String validBody(Router.Route route) {
        String unique = Ids.random(8);
        Map<String, String> bodies = Map.ofEntries(
                Map.entry("POST /customers", "{\"name\":\"N " + unique + "\",\"kind\":\"individual\",\"country\":\"FR\"}"),
                Map.entry("PATCH /customers/{customer_id}", "{\"name\":\"Renamed " + unique + "\"}"),
                Map.entry("POST /customers/{customer_id}/status", "{\"status\":\"suspended\"}"),
                Map.entry("POST /customers/{customer_id}/projects", "{\"name\":\"p " + unique + "\"}"),
                Map.entry("PATCH /customers/{customer_id}/projects/{project_id}", "{\"name\":\"p " + unique + "\"}"),
                Map.entry("POST /customers/{customer_id}/users", "{\"email\":\"n" + unique + "@example.com\",\"password\":\"long enough password\",\"role\":\"viewer\"}"),
                Map.entry("POST /operator/users", "{\"email\":\"s" + unique + "@example.com\",\"password\":\"long enough password\",\"role\":\"viewer\"}"),
                Map.entry("POST /customers/{customer_id}/keys", "{\"name\":\"k\"}"),
                Map.entry("POST /operator/keys", "{\"role\":\"viewer\"}"),
                Map.entry("PUT /credentials/{provider}/{name}", "{\"value\":\"sk-" + unique + "\"}"),
                Map.entry("POST /prices", "{\"provider\":\"openai\",\"model\":\"m" + unique + "\",\"currency\":\"USD\",\"input_per_million\":1,\"output_per_million\":2}"),
                Map.entry("PUT /customers/{customer_id}/limits", "{\"requests_per_minute\":5}"),
                Map.entry("PUT /customers/{customer_id}/projects/{project_id}/limits", "{\"requests_per_minute\":5}"),
                Map.entry("PUT /customers/{customer_id}/keys/{key_id}/limits", "{\"requests_per_minute\":5}"),
                Map.entry("POST /customers/{customer_id}/credits/topups", "{\"currency\":\"USD\",\"amount_nanos\":5}"),
                Map.entry("POST /customers/{customer_id}/credits/redeem", "{\"code\":\"ghc_" + unique + "\"}"),
                Map.entry("POST /redemption-codes", "{\"currency\":\"USD\",\"amount_nanos\":5}"));
        return bodies.get(route.method().name() + " " + route.pattern());
    }

    static Set<String> subObjectParams() { return Set.of("{project_id}", "{key_id}", "{user_id}"); }
}
