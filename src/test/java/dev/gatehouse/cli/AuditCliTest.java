package dev.gatehouse.cli;

import dev.gatehouse.audit.AuditCategory;
import dev.gatehouse.audit.AuditEntry;
import dev.gatehouse.audit.AuditKey;
import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.store.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

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

    /** docs/audit.md: the gateway refuses to start when the key's .pub is another key's, and says which files. */
    @Test
    void should_not_serve_with_a_public_key_file_of_another_key(@TempDir Path dir) throws Exception {
        Cli cli = Cli.h2(dir);
        Path key = dir.resolve("audit.key");
        AuditKey.loadOrCreate(key);
        AuditKey.loadOrCreate(dir.resolve("other.key"));
        Files.copy(AuditKey.publicFile(dir.resolve("other.key")), AuditKey.publicFile(key), StandardCopyOption.REPLACE_EXISTING);

        // serve reports a failed start on System.err; a start that wrongly succeeded would serve
        // until stopped: fail instead of hanging
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        Cli.Result refused;
        try {
            refused = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> cli.run("serve", "--port", "0"));
        } finally {
            System.setErr(original);
        }
        String printed = err.toString(StandardCharsets.UTF_8);
        assertThat(refused.code()).as(printed).isEqualTo(2);
        assertThat(printed).contains("gatehouse: cannot start: ", "are not one key pair", key.toString(), AuditKey.publicFile(key).toString());
    }
}
