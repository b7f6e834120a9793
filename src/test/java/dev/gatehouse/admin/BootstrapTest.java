package dev.gatehouse.admin;

import dev.gatehouse.accounts.ApiKey;
import dev.gatehouse.accounts.Role;
import dev.gatehouse.simulator.ProviderSimulator;
import dev.gatehouse.simulator.SimulatorOptions;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** First start on a new store prints one owner admin key; later starts print nothing. */
class BootstrapTest {
    private static final Pattern LINE = Pattern.compile("Gatehouse admin key \\(shown once\\): (\\S+)");

    @Test
    void should_print_a_working_owner_key_on_the_first_start_only(@TempDir Path dir) throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath();
        Vertx vertx = Vertx.vertx();
        PrintStream original = System.out;
        try {
            ProviderSimulator sim = ProviderSimulator.start(vertx, SimulatorOptions.defaults()).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            ByteArrayOutputStream first = new ByteArrayOutputStream();
            String key;
            System.setOut(new PrintStream(first, true, StandardCharsets.UTF_8));
            try (AdminRig rig = AdminRig.start(sim, url, "sa", dir)) {
                System.setOut(original);
                Matcher m = LINE.matcher(first.toString(StandardCharsets.UTF_8));
                assertThat(m.find()).as(first.toString(StandardCharsets.UTF_8)).isTrue();
                key = m.group(1);
                List<ApiKey> operatorKeys = rig.s().keys().listOperatorKeys();
                assertThat(operatorKeys).hasSize(1);
                assertThat(operatorKeys.get(0).role()).isEqualTo(Role.OWNER);
                var me = rig.get("/session", key).json();
                assertThat(me.path("role").asText()).isEqualTo("owner");
                assertThat(me.path("customer_id").isNull()).isTrue();
            }

            ByteArrayOutputStream second = new ByteArrayOutputStream();
            System.setOut(new PrintStream(second, true, StandardCharsets.UTF_8));
            try (AdminRig rig = AdminRig.start(sim, url, "sa", dir)) {
                System.setOut(original);
                assertThat(second.toString(StandardCharsets.UTF_8)).doesNotContain("admin key");
                assertThat(rig.s().keys().listOperatorKeys()).hasSize(1);
                assertThat(rig.get("/session", key).status()).isEqualTo(200);
            }
        } finally {
            System.setOut(original);
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void should_leave_a_store_with_a_revoked_operator_key_alone(@TempDir Path dir) throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            ProviderSimulator sim = ProviderSimulator.start(vertx, SimulatorOptions.defaults()).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            try (AdminRig rig = AdminRig.h2(sim)) {
                var keys = rig.s().keys();
                keys.listOperatorKeys().forEach(k -> keys.revoke(k.id()));
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                assertThat(Bootstrap.firstRun(keys, new PrintStream(out, true, StandardCharsets.UTF_8))).isEmpty();
                assertThat(out.size()).isZero();
            }
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}
