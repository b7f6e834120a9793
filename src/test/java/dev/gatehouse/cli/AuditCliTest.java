package dev.gatehouse.cli;

import dev.gatehouse.audit.AuditCategory;
import dev.gatehouse.audit.AuditEntry;
import dev.gatehouse.audit.AuditKey;
import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.store.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Statement;
import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

class AuditCliTest {
    @Test
    void should_verify_the_chain_show_its_tail_and_fail_naming_an_edited_entry(@TempDir Path dir) {
        Cli cli = Cli.h2(dir);
        Path key = dir.resolve("audit.key");
        try (Database db = cli.openDatabase()) {
            AuditLog log = new AuditLog(db, AuditKey.loadOrCreate(key), 2, Clock.systemUTC());
            for (int i = 1; i <= 3; i++) log.append(AuditEntry.of(AuditCategory.ADMIN, "root", "customer.suspend", "cus_" + i));
        }
        Cli.Result ok = cli.run("audit", "verify", "--key", key.toString());
        assertThat(ok.code()).as(ok.toString()).isZero();
        assertThat(ok.out()).contains("status:      ok", "entries:     3", "checkpoints: 1");

        Cli.Result tail = cli.run("audit", "tail", "-n", "2");
        assertThat(tail.code()).as(tail.toString()).isZero();
        assertThat(tail.out()).contains("customer.suspend  cus_2", "customer.suspend  cus_3").doesNotContain("cus_1");

        try (Database db = cli.openDatabase()) {
            db.withConnection(c -> {
                try (Statement s = c.createStatement()) {
                    return s.executeUpdate("UPDATE audit_log SET subject = 'cus_9' WHERE seq = 2");
                }
            });
        }
        Cli.Result broken = cli.run("audit", "verify", "--key", key.toString(), "--json");
        assertThat(broken.code()).as(broken.toString()).isEqualTo(1);
        assertThat(broken.json().get("first_bad_seq").asLong()).isEqualTo(2);
        assertThat(broken.json().get("reason").asText()).contains("entry 2 was edited");

        Cli.Result bare = Cli.runRaw("audit");
        assertThat(bare.code()).isEqualTo(2);
        assertThat(bare.err()).contains("Missing required subcommand", "verify", "tail");

        Cli.Result noKey = cli.run("audit", "verify", "--key", dir.resolve("missing.key").toString());
        assertThat(noKey.code()).isEqualTo(StoreRun.BAD_INPUT);
        assertThat(noKey.err()).contains("--key: no audit public key at");
    }
}
