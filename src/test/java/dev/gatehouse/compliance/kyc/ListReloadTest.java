package dev.gatehouse.compliance.kyc;

import dev.gatehouse.accounts.AccountChanges;
import dev.gatehouse.accounts.CustomerKind;
import dev.gatehouse.accounts.CustomerStatus;
import dev.gatehouse.accounts.CustomerStore;
import dev.gatehouse.accounts.NewCustomer;
import dev.gatehouse.audit.TestAudit;
import dev.gatehouse.compliance.screening.Band;
import dev.gatehouse.compliance.screening.ScreeningLists;
import dev.gatehouse.compliance.screening.Subject;
import dev.gatehouse.compliance.screening.Thresholds;
import dev.gatehouse.store.Database;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two processes over one store (a gateway and the CLI, or two gateways): the one that imports
 * rescreens; the other picks the new lists up on its next check and screens with them, without
 * rescreening anyone a second time.
 */
class ListReloadTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.gatehouse.store.StoreFixtures#both")
    void should_reload_lists_imported_elsewhere_without_rescreening_again(Supplier<Database> store) {
        try (Database db = store.get()) {
            CustomerStore customers = new CustomerStore(db, AccountChanges.NONE);
            ScreeningLists gatewayLists = new ScreeningLists(db, Thresholds.DEFAULTS);
            CustomerScreening gateway = new CustomerScreening(db, customers, gatewayLists, TestAudit.log(db)).rescreenOnListChange("system:gw");
            ScreeningLists cliLists = new ScreeningLists(db, Thresholds.DEFAULTS);
            new CustomerScreening(db, customers, cliLists, TestAudit.log(db)).rescreenOnListChange("cli:ops");
            String id = customers.create(new NewCustomer("Huawei Technologies Co Ltd", CustomerKind.ENTERPRISE, "CN", null, null, null)).id();
            Subject huawei = new Subject(List.of("Huawei Technologies"), null, "CN", null, null);
            assertThat(gatewayLists.screen(huawei).hits()).as("nothing imported yet").isEmpty();
            assertThat(gatewayLists.reloadIfChanged()).isFalse();

            cliLists.importList(FixtureLists.of(FixtureLists.HUAWEI));

            assertThat(customers.get(id).orElseThrow().status()).as("the importer rescreened").isEqualTo(CustomerStatus.SUSPENDED);
            assertThat(gatewayLists.screen(huawei).hits()).as("not yet seen by the other").isEmpty();
            assertThat(gatewayLists.reloadIfChanged()).isTrue();
            assertThat(gatewayLists.screen(huawei).hits()).singleElement().satisfies(h -> assertThat(h.band()).isEqualTo(Band.BLOCK));
            assertThat(gatewayLists.reloadIfChanged()).as("a second check finds nothing new").isFalse();
            assertThat(gateway.runs(id)).as("one rescreen, by the importer").singleElement()
                    .satisfies(r -> assertThat(r.cause()).isEqualTo("list_change:" + FixtureLists.LIST));

            // the same content imported again changes nothing anywhere
            cliLists.importList(FixtureLists.of(FixtureLists.HUAWEI));
            assertThat(gatewayLists.reloadIfChanged()).isFalse();
            // a changed list is picked up again, entries removed included
            cliLists.importList(FixtureLists.of(FixtureLists.KENFA));
            assertThat(gatewayLists.reloadIfChanged()).isTrue();
            assertThat(gatewayLists.screen(huawei).hits()).isEmpty();
            assertThat(gateway.runs(id)).hasSize(2);
        }
    }
}
