package dev.gatehouse.accounts;

import dev.gatehouse.store.Database;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CustomerStoreTest {
    private static final String BOTH = "dev.gatehouse.store.StoreFixtures#both";
    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T10:00:00.123456789Z"));

    @ParameterizedTest
    @MethodSource(BOTH)
    void should_create_and_read_back_a_customer(Supplier<Database> store) {
        try (Database db = store.get()) {
            CustomerStore customers = new CustomerStore(db, AccountChanges.NONE, clock);
            Customer c = customers.create(new NewCustomer("  Acme GmbH ", CustomerKind.ENTERPRISE, "de", "Ops@Acme.example",
                    "+49 30 1234567", null));
            assertThat(c.id()).startsWith("cus_");
            assertThat(c.name()).isEqualTo("Acme GmbH");
            assertThat(c.country()).isEqualTo("DE");
            assertThat(c.email()).isEqualTo("ops@acme.example");
            assertThat(c.status()).isEqualTo(CustomerStatus.ACTIVE);
            assertThat(c.createdAt()).isEqualTo(Instant.parse("2025-03-01T10:00:00.123456Z"));
            assertThat(c.closedAt()).isNull();
            assertThat(customers.get(c.id())).contains(c);
            assertThat(customers.get("cus_nope")).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void should_refuse_a_duplicate_name_with_a_typed_error(Supplier<Database> store) {
        try (Database db = store.get()) {
            CustomerStore customers = new CustomerStore(db, AccountChanges.NONE, clock);
            customers.create(new NewCustomer("Acme", CustomerKind.ENTERPRISE, "DE", null, null, null));
            assertThatThrownBy(() -> customers.create(new NewCustomer("Acme", CustomerKind.INDIVIDUAL, "FR", null, null, null)))
                    .isInstanceOfSatisfying(AccountsException.Duplicate.class, e -> assertThat(e.field()).isEqualTo("name"))
                    .hasMessage("a customer named 'Acme' already exists");
            Customer other = customers.create(new NewCustomer("Other", CustomerKind.ENTERPRISE, "DE", null, null, null));
            assertThatThrownBy(() -> customers.update(other.id(), new CustomerUpdate("Acme", null, null, null, null)))
                    .isInstanceOf(AccountsException.Duplicate.class);
            assertThat(customers.get(other.id()).orElseThrow().name()).isEqualTo("Other");
        }
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void should_refuse_bad_input_naming_the_field_and_write_nothing(Supplier<Database> store) {
        try (Database db = store.get()) {
            CustomerStore customers = new CustomerStore(db, AccountChanges.NONE, clock);
            assertInvalid(() -> customers.create(new NewCustomer("A", CustomerKind.ENTERPRISE, "XX", null, null, null)),
                    "country", "country must be an ISO 3166-1 alpha-2 code such as DE or CN, not 'XX'");
            assertInvalid(() -> customers.create(new NewCustomer("A", CustomerKind.ENTERPRISE, "DEU", null, null, null)),
                    "country", "country must be at most 2 characters");
            assertInvalid(() -> customers.create(new NewCustomer("A", CustomerKind.ENTERPRISE, "DE", "not-an-email", null, null)),
                    "email", "email is not an email address");
            assertInvalid(() -> customers.create(new NewCustomer("A", CustomerKind.ENTERPRISE, "DE", null, "call me", null)),
                    "phone", "phone must be a phone number like +44 20 7946 0958");
            assertInvalid(() -> customers.create(new NewCustomer("x".repeat(301), CustomerKind.ENTERPRISE, "DE", null, null, null)),
                    "name", "name must be at most 300 characters");
            assertInvalid(() -> customers.create(new NewCustomer(" ", CustomerKind.ENTERPRISE, "DE", null, null, null)),
                    "name", "name is required");
            assertInvalid(() -> customers.create(new NewCustomer("A", null, "DE", null, null, null)), "kind", "kind is required");
            assertInvalid(() -> CustomerKind.parse("company"), "kind", "kind must be one of individual, enterprise, not 'company'");
            assertInvalid(() -> CustomerStatus.parse("deleted"), "status",
                    "status must be one of pending, active, suspended, closed, not 'deleted'");
            assertInvalid(() -> customers.list(0, 0), "limit", "limit must be between 1 and 1000");
            assertThat(customers.list(0, 10).items()).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void should_list_in_creation_order_page_by_page(Supplier<Database> store) {
        try (Database db = store.get()) {
            CustomerStore customers = new CustomerStore(db, AccountChanges.NONE, clock);
            for (int i = 0; i < 5; i++) {
                customers.create(new NewCustomer("c" + i, CustomerKind.INDIVIDUAL, "CN", null, null, null));
                clock.advance(Duration.ofSeconds(1));
            }
            Page<Customer> first = customers.list(0, 2);
            assertThat(first.items()).extracting(Customer::name).containsExactly("c0", "c1");
            assertThat(first.nextOffset()).isEqualTo(2);
            Page<Customer> last = customers.list(4, 2);
            assertThat(last.items()).extracting(Customer::name).containsExactly("c4");
            assertThat(last.nextOffset()).isNull();
        }
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void should_update_only_the_given_fields(Supplier<Database> store) {
        try (Database db = store.get()) {
            CustomerStore customers = new CustomerStore(db, AccountChanges.NONE, clock);
            Customer c = customers.create(new NewCustomer("Acme", CustomerKind.ENTERPRISE, "DE", "a@acme.example", "+49 1", null));
            Customer u = customers.update(c.id(), new CustomerUpdate(null, null, "fr", null, "+33 1 23 45 67 89"));
            assertThat(u).isEqualTo(new Customer(c.id(), "Acme", CustomerKind.ENTERPRISE, "FR", "a@acme.example",
                    "+33 1 23 45 67 89", CustomerStatus.ACTIVE, c.createdAt(), null));
            assertThat(customers.get(c.id())).contains(u);
            assertThatThrownBy(() -> customers.update("cus_nope", new CustomerUpdate("x", null, null, null, null)))
                    .isInstanceOfSatisfying(AccountsException.NotFound.class, e -> assertThat(e.field()).isEqualTo("customer_id"));
        }
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void should_record_the_closing_time_and_never_reopen(Supplier<Database> store) {
        try (Database db = store.get()) {
            CustomerStore customers = new CustomerStore(db, AccountChanges.NONE, clock);
            Customer c = customers.create(new NewCustomer("Acme", CustomerKind.ENTERPRISE, "DE", null, null, CustomerStatus.PENDING));
            assertThat(customers.changeStatus(c.id(), CustomerStatus.SUSPENDED).closedAt()).isNull();
            clock.advance(Duration.ofHours(1));
            Customer closed = customers.changeStatus(c.id(), CustomerStatus.CLOSED);
            assertThat(closed.closedAt()).isEqualTo(clock.instant().truncatedTo(ChronoUnit.MICROS));
            assertThat(customers.get(c.id())).contains(closed);
            assertInvalid(() -> customers.changeStatus(c.id(), CustomerStatus.ACTIVE), "status",
                    "customer " + c.id() + " is closed; a closed customer cannot be reopened");
        }
    }

    static void assertInvalid(Runnable action, String field, String message) {
        assertThatThrownBy(action::run)
                .isInstanceOfSatisfying(AccountsException.Invalid.class, e -> assertThat(e.field()).isEqualTo(field))
                .hasMessage(message);
    }
}
