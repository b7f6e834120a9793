package dev.gatehouse.accounts;

import dev.gatehouse.store.Database;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.function.Supplier;

import static dev.gatehouse.accounts.CustomerStoreTest.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeyStoreTest {
    private static final String BOTH = "dev.gatehouse.store.StoreFixtures#both";

    @ParameterizedTest
    @MethodSource(BOTH)
    void should_return_the_secret_once_and_store_only_its_hash(Supplier<Database> store) {
        try (Database db = store.get(); Accounts a = Accounts.over(db, MutableClock.systemNow())) {
            Customer acme = a.customer("Acme");
            Project p = a.projects().create(acme.id(), "bot");
            CreatedKey created = a.keys().create(NewApiKey.client("ci", acme.id(), p.id(), Set.of("gpt-4o", "claude"), null));
            String secret = created.secret().value();
            assertThat(secret).startsWith(created.key().prefix() + "-");
            assertThat(created.toString()).doesNotContain(secret.substring(12));
            assertThat(created.key().toString()).doesNotContain(secret.substring(12));
            ApiKey k = a.keys().get(created.key().id()).orElseThrow();
            assertThat(k).isEqualTo(created.key());
            assertThat(k.models()).containsExactlyInAnyOrder("gpt-4o", "claude");
            var row = db.withConnection(c -> {
                try (var rs = c.createStatement().executeQuery("SELECT prefix, secret_hash, models FROM api_keys")) {
                    rs.next();
                    return new String[] {rs.getString(1), rs.getString(2), rs.getString(3)};
                }
            });
            assertThat(row[0]).isEqualTo(k.prefix());
            assertThat(row[1]).isEqualTo(ApiKeySecrets.hash(secret)).doesNotContain(secret.substring(12));
            assertThat(row[2]).isEqualTo("claude,gpt-4o");
        }
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void should_keep_each_customers_keys_to_that_customer(Supplier<Database> store) {
        try (Database db = store.get(); Accounts a = Accounts.over(db, MutableClock.systemNow())) {
            Customer acme = a.customer("Acme");
            Customer beta = a.customer("Beta");
            ApiKey k = a.keys().create(NewApiKey.client("ci", acme.id(), null, null, null)).key();
            assertThat(a.keys().listForCustomer(acme.id())).containsExactly(k);
            assertThat(a.keys().listForCustomer(beta.id())).isEmpty();
            assertThat(a.keys().get(acme.id(), k.id())).contains(k);
            assertThat(a.keys().get(beta.id(), k.id())).isEmpty();
            assertThatThrownBy(() -> a.keys().revoke(beta.id(), k.id()))
                    .isInstanceOfSatisfying(AccountsException.NotFound.class, e -> assertThat(e.field()).isEqualTo("key_id"));
            assertThat(a.keys().get(k.id()).orElseThrow().revoked()).isFalse();
            Project betaProject = a.projects().create(beta.id(), "theirs");
            assertThatThrownBy(() -> a.keys().create(NewApiKey.client("x", acme.id(), betaProject.id(), null, null)))
                    .isInstanceOfSatisfying(AccountsException.NotFound.class, e -> assertThat(e.field()).isEqualTo("project_id"));
            assertThat(a.keys().listForCustomer(acme.id())).hasSize(1);
        }
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void should_revoke_once_and_keep_the_first_time(Supplier<Database> store) {
        MutableClock clock = MutableClock.systemNow();
        try (Database db = store.get(); Accounts a = Accounts.over(db, clock)) {
            Customer acme = a.customer("Acme");
            ApiKey k = a.keys().create(NewApiKey.client("ci", acme.id(), null, null, null)).key();
            ApiKey revoked = a.keys().revoke(acme.id(), k.id());
            assertThat(revoked.revokedAt()).isNotNull();
            clock.advance(Duration.ofMinutes(1));
            assertThat(a.keys().revoke(k.id()).revokedAt()).isEqualTo(revoked.revokedAt());
            assertThat(a.keys().get(k.id())).contains(revoked);
        }
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void should_refuse_malformed_keys(Supplier<Database> store) {
        MutableClock clock = MutableClock.systemNow();
        try (Database db = store.get(); Accounts a = Accounts.over(db, clock)) {
            Customer acme = a.customer("Acme");
            assertInvalid(() -> a.keys().create(NewApiKey.client("ci", null, null, null, null)), "customer_id", "customer_id is required");
            assertInvalid(() -> a.keys().create(NewApiKey.client("ci", acme.id(), null, Set.of(), null)), "models",
                    "models must name at least one route, or be left out to allow every route");
            assertInvalid(() -> a.keys().create(NewApiKey.client("ci", acme.id(), null, Set.of("a,b"), null)), "models",
                    "a route name must not contain a comma: 'a,b'");
            assertInvalid(() -> a.keys().create(NewApiKey.client("ci", acme.id(), null, null, clock.instant().minusSeconds(1))),
                    "expires_at", "expires_at must be in the future");
            assertInvalid(() -> a.keys().create(NewApiKey.client("n".repeat(201), acme.id(), null, null, null)), "name",
                    "name must be at most 200 characters");
            assertInvalid(() -> a.keys().create(NewApiKey.admin("ops", null, null)), "role", "role is required");
            assertInvalid(() -> a.keys().create(new NewApiKey(KeyKind.CLIENT, "x", acme.id(), null, Role.ADMIN, null, null)),
                    "role", "only admin keys have a role");
            assertInvalid(() -> KeyKind.parse("service"), "kind", "kind must be one of client, admin, not 'service'");
            assertThatThrownBy(() -> a.keys().create(NewApiKey.client("ci", "cus_nope", null, null, null)))
                    .isInstanceOf(AccountsException.NotFound.class);
            assertThat(a.keys().listForCustomer(acme.id())).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void should_list_operator_admin_keys_apart_from_customers(Supplier<Database> store) {
        try (Database db = store.get(); Accounts a = Accounts.over(db, MutableClock.systemNow())) {
            Customer acme = a.customer("Acme");
            ApiKey ops = a.keys().create(NewApiKey.admin("ops", null, Role.ADMIN)).key();
            ApiKey theirs = a.keys().create(NewApiKey.admin("their admin", acme.id(), Role.OWNER)).key();
            assertThat(a.keys().listOperatorKeys()).containsExactly(ops);
            assertThat(a.keys().listForCustomer(acme.id())).containsExactly(theirs);
            assertThat(theirs.role()).isEqualTo(Role.OWNER);
            assertThat(ops.expiresAt()).isNull();
        }
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void should_record_last_used_times_in_batches(Supplier<Database> store) {
        MutableClock clock = MutableClock.systemNow();
        try (Database db = store.get(); Accounts a = Accounts.over(db, clock)) {
            Customer acme = a.customer("Acme");
            ApiKey k1 = a.keys().create(NewApiKey.client("1", acme.id(), null, null, null)).key();
            ApiKey k2 = a.keys().create(NewApiKey.client("2", acme.id(), null, null, null)).key();
            LastUsedRecorder recorder = new LastUsedRecorder(a.keys(), clock);
            recorder.touch(k1.id());
            clock.advance(Duration.ofSeconds(5));
            Instant later = clock.instant();
            recorder.touch(k1.id());
            assertThat(a.keys().get(k1.id()).orElseThrow().lastUsedAt()).isNull();
            recorder.flush();
            assertThat(a.keys().get(k1.id()).orElseThrow().lastUsedAt()).isEqualTo(later.truncatedTo(java.time.temporal.ChronoUnit.MICROS));
            assertThat(a.keys().get(k2.id()).orElseThrow().lastUsedAt()).isNull();
            recorder.close();
        }
    }
}
