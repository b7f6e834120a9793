package dev.gatehouse.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.accounts.CustomerKind;
import dev.gatehouse.accounts.NewApiKey;
import dev.gatehouse.accounts.NewCustomer;
import dev.gatehouse.accounts.Role;
import dev.gatehouse.api.Json;
import dev.gatehouse.config.ConfigLoader;
import dev.gatehouse.config.GatewayConfig;
import dev.gatehouse.server.Gateway;
import dev.gatehouse.server.Subsystems;
import dev.gatehouse.simulator.ProviderSimulator;
import dev.gatehouse.testkit.TempDirs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A real gateway (admin API included) in front of the provider simulator, and a java.net.http client for it. */
final class AdminRig implements AutoCloseable {
    /** Every table an admin call may write; {@link #snapshot()} reads them all. */
    private static final List<String> TABLES = List.of("customers", "projects", "users", "api_keys", "provider_credentials",
            "prices", "limits", "credit_accounts", "credit_transactions", "redemption_codes");

    record Res(int status, String body, HttpHeaders headers) {
        JsonNode json() {
            try {
                return Json.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }

        String code() { return json().path("error").path("code").asText(null); }

        String param() { return json().path("error").path("param").asText(null); }

        String header(String name) { return headers.firstValue(name).orElse(null); }

        @Override
        public String toString() { return status + " " + body; }
    }

    final Gateway gateway;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final Path dataDir;

    private AdminRig(Gateway gateway, Path dataDir) {
        this.gateway = gateway;
        this.dataDir = dataDir;
    }

    /** The gateway's data folder (journal, master key, audit key). */
    Path dataDir() { return dataDir; }

    static AdminRig h2(ProviderSimulator sim) throws Exception {
        return start(sim, "jdbc:h2:mem:admin-" + System.nanoTime(), "sa", TempDirs.create("admin-rig"));
    }

    static AdminRig start(ProviderSimulator sim, String jdbcUrl, String user, Path dataDir) throws Exception {
        String yaml = """
                server: {host: 127.0.0.1, port: 0, event_loops: 1}
                store: {user: %s}
                defaults:
                  retry: {max_retries: 0}
                providers:
                  openai: {type: openai, base_url: 'http://127.0.0.1:%d/v1', api_key: sim-key}
                routes:
                  gpt-4o:
                    deployments: [{provider: openai, model: gpt-4o}]
                  gpt-4o-mini:
                    deployments: [{provider: openai, model: gpt-4o-mini}]
                # the admin API is under test, not the request policy (its default pack keeps
                # unverified customers off providers abroad): no rules
                policy: {packs: []}
                """.formatted(user, sim.port());
        GatewayConfig config = new ConfigLoader(name -> null).parse(yaml, "admin-test").withData(jdbcUrl, dataDir.toString());
        return new AdminRig(Gateway.start(config).toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS), dataDir);
    }

    Subsystems s() { return gateway.subsystems(); }

    /** An admin key made straight in the store (test set-up, not under test). */
    String adminKey(String customerId, Role role) {
        return s().keys().create(NewApiKey.admin("test-" + role.wire(), customerId, role)).secret().value();
    }

    String customer(String name) {
        return s().customers().create(new NewCustomer(name, CustomerKind.ENTERPRISE, "DE", null, null, null)).id();
    }

    Res call(String method, String path, String token, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + (path.startsWith("/admin") ? path : "/admin/v1" + path)))
                .timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) b.header("authorization", "Bearer " + token);
        if (body != null) b.header("content-type", "application/json");
        return send(b.build());
    }

    Res get(String path, String token) { return call("GET", path, token, null); }

    Res post(String path, String token, String body) { return call("POST", path, token, body); }

    Res chat(String key, String model) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + "/v1/chat/completions"))
                .timeout(Duration.ofSeconds(20))
                .header("authorization", "Bearer " + key).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}"))
                .build());
    }

    Res send(HttpRequest request) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Res(r.statusCode(), r.body(), r.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every row of every table the admin API writes, as text: equal snapshots mean nothing changed. */
    String snapshot() {
        return s().db().withConnection(c -> {
            StringBuilder out = new StringBuilder();
            try (Statement st = c.createStatement()) {
                for (String table : TABLES) {
                    out.append("# ").append(table).append('\n');
                    List<String> rows = new java.util.ArrayList<>();
                    try (ResultSet rs = st.executeQuery("SELECT * FROM " + table)) {
                        ResultSetMetaData md = rs.getMetaData();
                        while (rs.next()) {
                            StringBuilder row = new StringBuilder();
                            for (int i = 1; i <= md.getColumnCount(); i++) row.append(rs.getString(i)).append('|');
                            rows.add(row.toString());
                        }
                    }
                    rows.stream().sorted().forEach(r -> out.append(r).append('\n'));
                }
            }
            return out.toString();
        });
    }

    @Override
    public void close() throws java.util.concurrent.ExecutionException, java.util.concurrent.TimeoutException {
        http.close();
        try {
            gateway.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while closing the gateway", e);
        }
    }
}
