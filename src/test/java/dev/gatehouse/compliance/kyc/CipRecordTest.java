package dev.gatehouse.compliance.kyc;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.accounts.AccountChanges;
import dev.gatehouse.audit.TestAudit;
import dev.gatehouse.accounts.AccountsException;
import dev.gatehouse.accounts.CustomerKind;
import dev.gatehouse.accounts.CustomerStatus;
import dev.gatehouse.accounts.CustomerStore;
import dev.gatehouse.accounts.NewCustomer;
import dev.gatehouse.compliance.screening.ScreeningLists;
import dev.gatehouse.compliance.screening.Thresholds;
import dev.gatehouse.store.Database;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** CIP records on both stores: versions as history, no card numbers, the verification lifecycle, screening of other names and owners, the export. */
class CipRecordTest {

    static CipDetails details(List<String> otherNames, List<CipDetails.BeneficialOwner> owners, List<CipDetails.PaymentMeans> payments) {
        return new CipDetails(otherNames,
                List.of(new CipDetails.Address("88 Keyuan Road", null, "Shenzhen", "Guangdong", "518057", "CN")),
                true, true, null,
                List.of(new CipDetails.IdentityEvidence("unified_social_credit_code", "91440300MA5FXXXX1A", "CN", null)),
                owners, payments, List.of("compliance@harbour.example"), List.of("+86 755 1234 5678"));
    }

    private static CustomerScreening screening(Database db, CustomerStore customers) {
        return new CustomerScreening(db, customers, new ScreeningLists(db, Thresholds.DEFAULTS), TestAudit.log(db));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.gatehouse.store.StoreFixtures#both")
    void should_keep_every_version_of_a_record_and_refuse_full_card_numbers(Supplier<Database> store) {
        try (Database db = store.get()) {
            CustomerStore customers = new CustomerStore(db, AccountChanges.NONE);
            String id = customers.create(new NewCustomer("Harbour Trading", CustomerKind.ENTERPRISE, "CN", null, null, null)).id();
            CipStore cip = new CipStore(db, Clock.systemUTC(), TestAudit.log(db));
            assertThat(cip.current(id).version()).isZero();

            cip.put(id, details(List.of("海港贸易有限公司"), List.of(), List.of(new CipDetails.PaymentMeans("card", "visa ending 1111"))), "usr_a");
            CipRecord second = cip.put(id, details(List.of("海港贸易有限公司", "Harbour Trade"), List.of(), List.of()), "usr_b");

            assertThat(second.version()).isEqualTo(2);
            assertThat(cip.current(id).details().otherNames()).containsExactly("海港贸易有限公司", "Harbour Trade");
            assertThat(cip.current(id).details().identityEvidence().getFirst().number()).isEqualTo("91440300MA5FXXXX1A");
            assertThat(cip.history(id)).extracting(CipRecord::version, CipRecord::changedBy).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(1, "usr_a"), org.assertj.core.groups.Tuple.tuple(2, "usr_b"));
            assertThat(cip.history(id).getFirst().details().paymentMeans()).extracting(CipDetails.PaymentMeans::reference).containsExactly("visa ending 1111");

            assertThatThrownBy(() -> cip.put(id, details(List.of(), List.of(), List.of(new CipDetails.PaymentMeans("card", "4111 1111-1111 1111"))), "usr_a"))
                    .isInstanceOfSatisfying(AccountsException.Invalid.class, e -> assertThat(e.field()).isEqualTo("payment_means[0].reference"));
            assertThat(cip.history(id)).hasSize(2);
            // not a card number: fails the Luhn check
            cip.put(id, details(List.of(), List.of(), List.of(new CipDetails.PaymentMeans("bank_transfer", "4111111111111112"))), "usr_a");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.gatehouse.store.StoreFixtures#both")
    void should_move_verification_through_its_lifecycle_keeping_each_step(Supplier<Database> store) {
        try (Database db = store.get()) {
            CipStore cip = new CipStore(db, Clock.systemUTC(), TestAudit.log(db));
            String id = new CustomerStore(db, AccountChanges.NONE)
                    .create(new NewCustomer("Lifecycle Ltd", CustomerKind.ENTERPRISE, "CN", null, null, null)).id();
            assertThat(cip.verification(id).status()).isEqualTo(VerificationStatus.UNVERIFIED);
            assertThatThrownBy(() -> cip.verify(id, VerificationStatus.VERIFIED, "usr_c", "passport", LocalDate.of(2028, 1, 1), null))
                    .isInstanceOf(AccountsException.Invalid.class).hasMessageContaining("unverified cannot become verified");

            cip.verify(id, VerificationStatus.PENDING_REVIEW, "usr_c", "documents received", null, null);
            assertThatThrownBy(() -> cip.verify(id, VerificationStatus.VERIFIED, "usr_c", "", LocalDate.of(2028, 1, 1), null))
                    .isInstanceOfSatisfying(AccountsException.Invalid.class, e -> assertThat(e.field()).isEqualTo("evidence"));
            Verification v = cip.verify(id, VerificationStatus.VERIFIED, "usr_c", "business licence checked against SAMR", LocalDate.of(2028, 1, 1), "ok");

            assertThat(cip.verification(id)).isEqualTo(v);
            assertThat(cip.verifications(id)).extracting(Verification::status)
                    .containsExactly(VerificationStatus.PENDING_REVIEW, VerificationStatus.VERIFIED);
            assertThat(v.reverifyOn()).isEqualTo(LocalDate.of(2028, 1, 1));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.gatehouse.store.StoreFixtures#both")
    void should_screen_other_names_and_beneficial_owners_and_export_everything(Supplier<Database> store) {
        try (Database db = store.get()) {
            CustomerStore customers = new CustomerStore(db, AccountChanges.NONE);
            CustomerScreening screening = screening(db, customers);
            new ScreeningLists(db, Thresholds.DEFAULTS).importList(FixtureLists.of(FixtureLists.HUAWEI, FixtureLists.NORDWIND));
            screening = screening(db, customers); // loads the list just stored
            String owned = customers.create(new NewCustomer("Harbour Trading", CustomerKind.ENTERPRISE, "CN", null, null, null)).id();
            String aka = customers.create(new NewCustomer("Seaside Optics", CustomerKind.ENTERPRISE, "RU", null, null, null)).id();

            screening.cip().put(owned, details(List.of(), List.of(new CipDetails.BeneficialOwner("Acme Holdings", "CN", 60, null),
                    new CipDetails.BeneficialOwner("华为技术有限公司", "CN", 40, null)), List.of()), "usr_c");
            screening.cip().put(aka, details(List.of("Nordwind Optical Systems Research Bureau"), List.of(), List.of()), "usr_c");
            screening.cip().recordAccess(owned, "203.0.113.7", "admin");

            assertThat(screening.screenCustomer(owned, "cip_changed", "usr_test").suspended()).isTrue();
            assertThat(screening.screenCustomer(aka, "cip_changed", "usr_test").suspended()).isTrue();
            assertThat(customers.get(aka).orElseThrow().status()).isEqualTo(CustomerStatus.SUSPENDED);

            JsonNode export = new KycExport(customers, screening, Clock.systemUTC()).export(owned);
            assertThat(export.path("customer").path("status").asText()).isEqualTo("suspended");
            assertThat(export.path("cip_record").path("details").path("beneficial_owners").get(1).path("name").asText()).isEqualTo("华为技术有限公司");
            assertThat(export.path("cip_record").path("details").path("prc_resident").asBoolean()).isTrue();
            assertThat(export.path("cip_history")).hasSize(1);
            assertThat(export.path("verification").path("status").asText()).isEqualTo("unverified");
            assertThat(export.path("access_ips").get(0).path("ip").asText()).isEqualTo("203.0.113.7");
            assertThat(export.path("screening_runs").get(0).path("hits").get(0).path("subject_name").asText()).isEqualTo("华为技术有限公司");
            assertThat(export.path("screening_cases").get(0).path("status").asText()).isEqualTo("open");
            assertThat(export.path("screening_cases").get(0).path("hit").path("band").asText()).isEqualTo("block");
        }
    }
}
