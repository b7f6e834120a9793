package dev.gatehouse.admin;

import dev.gatehouse.accounts.Role;
import dev.gatehouse.audit.AuditCategory;
import dev.gatehouse.audit.AuditKey;
import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.audit.AuditRecord;
import dev.gatehouse.audit.AuditVerifier;
import dev.gatehouse.audit.VerifyResult;
import dev.gatehouse.simulator.ProviderSimulator;
import dev.gatehouse.simulator.SimulatorOptions;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Every change made through the admin API lands in the hash-chained audit trail before its answer; reads do not. */
class AdminAuditTest {
    private static Vertx vertx;
    private static ProviderSimulator sim;
    private static AdminRig rig;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        sim = ProviderSimulator.start(vertx, SimulatorOptions.defaults()).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        rig = AdminRig.h2(sim);
    }

    @AfterAll
    static void stop() throws Exception {
        rig.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void should_record_who_changed_what_through_the_admin_api_in_a_verifiable_chain() {
        String owner = rig.adminKey(null, Role.OWNER);
        int before = AuditLog.tail(rig.s().db(), 1000).size();

        var created = rig.post("/customers", owner, "{\"name\":\"Audited GmbH\",\"kind\":\"enterprise\",\"country\":\"DE\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().path("id").asText();
        assertThat(rig.get("/customers/" + id, owner).status()).isEqualTo(200);

        List<AuditRecord> entries = AuditLog.tail(rig.s().db(), 1000);
        assertThat(entries).hasSize(before + 1); // the read left no entry
        AuditRecord last = entries.stream().max(java.util.Comparator.comparingLong(AuditRecord::seq)).orElseThrow();
        assertThat(last.entry().category()).isEqualTo(AuditCategory.ADMIN);
        assertThat(last.entry().actor()).startsWith("admin_key:");
        assertThat(last.entry().action()).isEqualTo("POST /admin/v1/customers");
        VerifyResult verified = new AuditVerifier(rig.s().db(),
                AuditKey.publicOnly(AuditKey.publicFile(rig.dataDir().resolve("audit.key")))).verify();
        assertThat(verified).isInstanceOf(VerifyResult.Ok.class);
    }
}
