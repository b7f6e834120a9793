package dev.gatehouse.audit;

import dev.gatehouse.store.Database;
import dev.gatehouse.store.StoreException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuditLogTest {
    @TempDir
    Path dir;

    private AuditLog log(Database db, int every) {
        return new AuditLog(db, AuditKey.loadOrCreate(dir.resolve("audit.key")), every, Clock.systemUTC());
    }

    private AuditVerifier verifier(Database db) {
        return new AuditVerifier(db, AuditKey.publicOnly(dir.resolve("audit.key.pub")));
    }

    static void appendSome(AuditLog log, int n) {
        for (int i = 1; i <= n; i++) {
            log.append(new AuditEntry(AuditCategory.ADMIN, "admin@example.com", "key.revoke", "key_" + i,
                    "{\"status\":\"active\"}", "{\"status\":\"revoked\"}"));
        }
    }

    static void sql(Database db, String statement) {
        db.withConnection(c -> {
            try (Statement s = c.createStatement()) {
                return s.executeUpdate(statement);
            }
        });
    }

    @ParameterizedTest
    @MethodSource("dev.gatehouse.store.StoreFixtures#both")
    void should_link_every_entry_to_the_previous_one_and_verify(Supplier<Database> store) {
        try (Database db = store.get()) {
            AuditLog log = log(db, 2);
            AuditRecord first = log.append(AuditEntry.of(AuditCategory.KYC, "reviewer", "cip.verify", "cus_1"));
            AuditRecord second = log.append(new AuditEntry(AuditCategory.POLICY_DENIAL, "gateway", "deny.region", null, null, "{\"région\":\"外\"}"));
            appendSome(log, 3);

            assertThat(first.seq()).isEqualTo(1);
            assertThat(first.prevHash()).isEqualTo(Canonical.GENESIS);
            assertThat(second.prevHash()).isEqualTo(first.hash());
            assertThat(AuditLog.tail(db, 2)).extracting(AuditRecord::seq).containsExactly(4L, 5L);
            assertThat(AuditLog.tail(db, 10).get(1)).isEqualTo(second);
            assertThat(verifier(db).verify()).isEqualTo(new VerifyResult.Ok(5, 2));
        }
    }

    @ParameterizedTest
    @MethodSource("dev.gatehouse.store.StoreFixtures#both")
    void should_sign_a_checkpoint_on_demand_once_per_head(Supplier<Database> store) {
        try (Database db = store.get()) {
            AuditLog log = log(db, 1_000);
            assertThat(log.checkpoint()).isEmpty();
            appendSome(log, 3);
            Checkpoint cp = log.checkpoint().orElseThrow();
            assertThat(cp.seq()).isEqualTo(3);
            assertThat(cp.hash()).isEqualTo(AuditLog.tail(db, 1).getFirst().hash());
            assertThat(log.checkpoint()).contains(cp);
            assertThat(verifier(db).verify()).isEqualTo(new VerifyResult.Ok(3, 1));
        }
    }

    @ParameterizedTest
    @MethodSource("dev.gatehouse.store.StoreFixtures#both")
    void should_keep_one_linear_chain_when_several_threads_and_instances_append(Supplier<Database> store) throws Exception {
        try (Database db = store.get()) {
            // two logs over one database stand for two gateway instances: only the database lock orders them
            List<AuditLog> instances = List.of(log(db, 10), log(db, 10));
            int threads = 6;
            int each = 15;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Callable<Void>> work = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    AuditLog log = instances.get(t % 2);
                    work.add(() -> {
                        appendSome(log, each);
                        return null;
                    });
                }
                for (Future<Void> f : pool.invokeAll(work)) f.get();
            } finally {
                pool.shutdown();
            }
            assertThat(verifier(db).verify()).isEqualTo(new VerifyResult.Ok(threads * each, threads * each / 10));
        }
    }

    @ParameterizedTest
    @MethodSource("dev.gatehouse.store.StoreFixtures#both")
    void should_leave_the_head_where_it_was_when_an_append_fails(Supplier<Database> store) throws SQLException {
        try (Database db = store.get()) {
            AuditLog log = log(db, 1_000);
            appendSome(log, 1);
            // a failed append (here: seq 2 already taken by a foreign row) must not move the head
            sql(db, "INSERT INTO audit_log (seq, ts, category, actor, action, body_digest, prev_hash, hash) VALUES (2,"
                    + " CURRENT_TIMESTAMP, 'admin', 'x', 'x', '" + Canonical.GENESIS + "', '" + Canonical.GENESIS + "', '" + Canonical.GENESIS + "')");
            assertThatThrownBy(() -> log.append(AuditEntry.of(AuditCategory.ADMIN, "a", "b", null)))
                    .isInstanceOf(StoreException.class);
            try (Connection c = db.connection(); Statement s = c.createStatement();
                 var rs = s.executeQuery("SELECT seq FROM audit_head")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(1);
            }
        }
    }
}
