package dev.gatehouse.accounts;

import dev.gatehouse.config.Secret;
import dev.gatehouse.store.Database;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.function.Supplier;

import static dev.gatehouse.accounts.CustomerStoreTest.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProjectAndUserStoreTest {
    private static final String BOTH = "dev.gatehouse.store.StoreFixtures#both";

    @ParameterizedTest
    @MethodSource(BOTH)
    void should_keep_project_names_unique_per_customer_only(Supplier<Database> store) {
        try (Database db = store.get(); Accounts a = Accounts.over(db, MutableClock.systemNow())) {
            Customer acme = a.customer("Acme");
            Customer beta = a.customer("Beta");
            Project p = a.projects().create(acme.id(), "chatbot");
            assertThat(a.projects().create(beta.id(), "chatbot").customerId()).isEqualTo(beta.id());
            assertThatThrownBy(() -> a.projects().create(acme.id(), "chatbot"))
                    .isInstanceOf(AccountsException.Duplicate.class)
                    .hasMessage("customer " + acme.id() + " already has a project named 'chatbot'");
            assertThat(a.projects().listForCustomer(acme.id())).containsExactly(p);
            assertThatThrownBy(() -> a.projects().create("cus_nope", "x")).isInstanceOf(AccountsException.NotFound.class);
        }
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void should_not_show_or_change_a_project_through_another_customer(Supplier<Database> store) {
        try (Database db = store.get(); Accounts a = Accounts.over(db, MutableClock.systemNow())) {
            Customer acme = a.customer("Acme");
            Customer beta = a.customer("Beta");
            Project p = a.projects().create(acme.id(), "chatbot");
            assertThat(a.projects().get(acme.id(), p.id())).contains(p);
            assertThat(a.projects().get(beta.id(), p.id())).isEmpty();
            assertThat(a.projects().listForCustomer(beta.id())).isEmpty();
            assertThatThrownBy(() -> a.projects().rename(beta.id(), p.id(), "mine")).isInstanceOf(AccountsException.NotFound.class);
            assertThat(a.projects().rename(acme.id(), p.id(), "assistant").name()).isEqualTo("assistant");
        }
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void should_verify_passwords_and_refuse_disabled_users(Supplier<Database> store) {
        try (Database db = store.get(); Accounts a = Accounts.over(db, MutableClock.systemNow())) {
            Customer acme = a.customer("Acme");
            User u = a.users().create(new NewUser(acme.id(), "Alice@Acme.example", new Secret("correct horse battery"), Role.OWNER));
            assertThat(u.email()).isEqualTo("alice@acme.example");
            assertThat(a.users().verifyPassword("alice@ACME.example", new Secret("correct horse battery"))).contains(u);
            assertThat(a.users().verifyPassword("alice@acme.example", new Secret("wrong horse battery"))).isEmpty();
            assertThat(a.users().verifyPassword("bob@acme.example", new Secret("correct horse battery"))).isEmpty();
            a.users().changePassword(u.id(), new Secret("another long password"));
            assertThat(a.users().verifyPassword("alice@acme.example", new Secret("correct horse battery"))).isEmpty();
            assertThat(a.users().verifyPassword("alice@acme.example", new Secret("another long password"))).isPresent();
            User disabled = a.users().disable(u.id());
            assertThat(disabled.disabled()).isTrue();
            assertThat(a.users().verifyPassword("alice@acme.example", new Secret("another long password"))).isEmpty();
            String hash = db.withConnection(c -> {
                try (var rs = c.createStatement().executeQuery("SELECT password_hash FROM users")) {
                    rs.next();
                    return rs.getString(1);
                }
            });
            assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").doesNotContain("password");
        }
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void should_refuse_duplicate_emails_weak_passwords_and_unknown_roles(Supplier<Database> store) {
        try (Database db = store.get(); Accounts a = Accounts.over(db, MutableClock.systemNow())) {
            Customer acme = a.customer("Acme");
            a.users().create(new NewUser(null, "root@gate.example", new Secret("a long enough one"), Role.ADMIN));
            assertThatThrownBy(() -> a.users().create(new NewUser(acme.id(), "ROOT@gate.example", new Secret("a long enough one"), Role.VIEWER)))
                    .isInstanceOfSatisfying(AccountsException.Duplicate.class, e -> assertThat(e.field()).isEqualTo("email"));
            assertInvalid(() -> a.users().create(new NewUser(acme.id(), "x@acme.example", new Secret("short"), Role.VIEWER)),
                    "password", "password must be 10 to 200 characters long");
            assertInvalid(() -> Role.parse("superuser"), "role", "role must be one of owner, admin, compliance, viewer, not 'superuser'");
            assertThatThrownBy(() -> a.users().create(new NewUser("cus_nope", "y@acme.example", new Secret("a long enough one"), Role.VIEWER)))
                    .isInstanceOf(AccountsException.NotFound.class);
            assertThat(a.users().listForCustomer(acme.id())).isEmpty();
            assertThat(a.users().listForCustomer(null)).extracting(User::email).containsExactly("root@gate.example");
        }
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void should_not_show_a_user_through_another_customer(Supplier<Database> store) {
        try (Database db = store.get(); Accounts a = Accounts.over(db, MutableClock.systemNow())) {
            Customer acme = a.customer("Acme");
            Customer beta = a.customer("Beta");
            User u = a.users().create(new NewUser(acme.id(), "alice@acme.example", new Secret("a long enough one"), Role.VIEWER));
            assertThat(a.users().get(acme.id(), u.id())).contains(u);
            assertThat(a.users().get(beta.id(), u.id())).isEmpty();
            assertThat(a.users().get(null, u.id())).isEmpty();
            assertThat(a.users().listForCustomer(beta.id())).isEmpty();
        }
    }
}
