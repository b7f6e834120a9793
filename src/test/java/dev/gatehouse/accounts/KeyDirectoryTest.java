package dev.gatehouse.accounts;

import dev.gatehouse.pipeline.Caller;
import dev.gatehouse.store.Database;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

class KeyDirectoryTest {
    private static final String BOTH = "dev.gatehouse.store.StoreFixtures#both";

    @ParameterizedTest
    @MethodSource(BOTH)
    void should_authenticate_a_new_key_at_once_on_the_instance_that_made_it(Supplier<Database> store) {
        try (Database db = store.get(); Accounts a = Accounts.over(db, Clock.systemUTC())) {
            Customer acme = a.customer("Acme");
            Project p = a.projects().create(acme.id(), "bot");
            CreatedKey k = a.keys().create(NewApiKey.client("ci", acme.id(), p.id(), Set.of("gpt-4o"), null));
            KeyCheck check = a.directory().check(k.secret().value());
            assertThat(check).isEqualTo(new KeyCheck.Valid(k.key().id(), KeyKind.CLIENT, "ci", acme.id(), p.id(), null, Set.of("gpt-4o")));
            assertThat(((KeyCheck.Valid) check).caller()).isEqualTo(new Caller(k.key().id(), "ci", acme.id(), p.id(), Set.of("gpt-4o")));
        }
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void should_not_know_a_wrong_secret_even_with_a_known_prefix(Supplier<Database> store) {
        try (Database db = store.get(); Accounts a = Accounts.over(db, Clock.systemUTC())) {
            Customer acme = a.customer("Acme");
            CreatedKey k = a.keys().create(NewApiKey.client("ci", acme.id(), null, null, null));
            a.keys().revoke(k.key().id());
            String forged = k.key().prefix() + "-" + "a".repeat(32);
            assertThat(a.directory().check(forged)).isEqualTo(new KeyCheck.Unknown());
            assertThat(a.directory().check("sk-something-else")).isEqualTo(new KeyCheck.Unknown());
        }
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void should_reject_a_revoked_key_here_at_once_and_on_another_instance_within_the_refresh(Supplier<Database> store) throws Exception {
        try (Database db = store.get(); Accounts here = Accounts.over(db, Clock.systemUTC());
             KeyDirectory there = KeyDirectory.start(db, Duration.ofMillis(200))) {
            Customer acme = here.customer("Acme");
            CreatedKey k = here.keys().create(NewApiKey.client("ci", acme.id(), null, null, null));
            String secret = k.secret().value();
            awaitCheck(there, secret, KeyCheck.Valid.class, Duration.ofSeconds(1));
            here.keys().revoke(acme.id(), k.key().id());
            assertThat(here.directory().check(secret)).isEqualTo(new KeyCheck.Revoked(k.key().id()));
            awaitCheck(there, secret, KeyCheck.Revoked.class, Duration.ofSeconds(1));
        }
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void should_reject_keys_of_a_suspended_customer_everywhere_and_accept_them_again_when_active(Supplier<Database> store) throws Exception {
        try (Database db = store.get(); Accounts here = Accounts.over(db, Clock.systemUTC());
             KeyDirectory there = KeyDirectory.start(db, Duration.ofMillis(200))) {
            Customer acme = here.customer("Acme");
            String secret = here.keys().create(NewApiKey.client("ci", acme.id(), null, null, null)).secret().value();
            awaitCheck(there, secret, KeyCheck.Valid.class, Duration.ofSeconds(1));
            here.customers().changeStatus(acme.id(), CustomerStatus.SUSPENDED);
            assertThat(here.directory().check(secret)).isInstanceOfSatisfying(KeyCheck.CustomerInactive.class,
                    c -> assertThat(c.status()).isEqualTo(CustomerStatus.SUSPENDED));
            awaitCheck(there, secret, KeyCheck.CustomerInactive.class, Duration.ofSeconds(1));
            here.customers().changeStatus(acme.id(), CustomerStatus.ACTIVE);
            assertThat(here.directory().check(secret)).isInstanceOf(KeyCheck.Valid.class);
            awaitCheck(there, secret, KeyCheck.Valid.class, Duration.ofSeconds(1));
        }
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void should_reject_a_key_once_its_expiry_passes_without_a_refresh(Supplier<Database> store) {
        MutableClock clock = MutableClock.systemNow();
        try (Database db = store.get(); Accounts a = Accounts.over(db, clock)) {
            Customer acme = a.customer("Acme");
            CreatedKey k = a.keys().create(NewApiKey.client("ci", acme.id(), null, null, clock.instant().plusSeconds(60)));
            assertThat(a.directory().check(k.secret().value())).isInstanceOf(KeyCheck.Valid.class);
            clock.advance(Duration.ofSeconds(60));
            assertThat(a.directory().check(k.secret().value())).isEqualTo(new KeyCheck.Expired(k.key().id(), k.key().expiresAt()));
        }
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void should_load_existing_keys_on_start_and_pick_up_new_ones_by_refresh(Supplier<Database> store) throws Exception {
        try (Database db = store.get(); Accounts a = Accounts.over(db, Clock.systemUTC())) {
            Customer acme = a.customer("Acme");
            String old = a.keys().create(NewApiKey.admin("ops", null, Role.ADMIN)).secret().value();
            try (KeyDirectory fresh = new KeyDirectory(db, Clock.systemUTC())) {
                fresh.refresh();
                assertThat(fresh.check(old)).isInstanceOfSatisfying(KeyCheck.Valid.class, v -> {
                    assertThat(v.kind()).isEqualTo(KeyKind.ADMIN);
                    assertThat(v.role()).isEqualTo(Role.ADMIN);
                });
                String added = a.keys().create(NewApiKey.client("ci", acme.id(), null, null, null)).secret().value();
                assertThat(fresh.check(added)).isEqualTo(new KeyCheck.Unknown());
                fresh.refresh();
                assertThat(fresh.check(added)).isInstanceOf(KeyCheck.Valid.class);
                assertThat(fresh.size()).isEqualTo(2);
            }
        }
    }

    static void awaitCheck(KeyDirectory d, String secret, Class<? extends KeyCheck> expected, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!expected.isInstance(d.check(secret)) && System.nanoTime() < deadline) Thread.sleep(20);
        assertThat(d.check(secret)).isInstanceOf(expected);
    }
}
