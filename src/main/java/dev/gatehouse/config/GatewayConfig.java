package dev.gatehouse.config;

import java.util.List;
import java.util.Map;

/** The whole configuration file, as written. {@link ConfigLoader} reads and checks it. */
public record GatewayConfig(ServerConfig server, List<ApiKeyConfig> apiKeys, Map<String, ProviderConfig> providers,
                            Map<String, RouteConfig> routes, Defaults defaults, StoreConfig store,
                            MeteringConfig metering, SecurityConfig security, ControlsConfig controls,
                            PolicyConfig policy, ComplianceConfig compliance, AuditConfig audit) {

    /** This config listening on another port (0 picks a free one). */
    public GatewayConfig withPort(int port) {
        return new GatewayConfig(server.withPort(port),
                apiKeys, providers, routes, defaults, store, metering, security, controls, policy, compliance, audit);
    }

    /** This config with its store, journal and key file under {@code dataDir} and the given JDBC URL. */
    public GatewayConfig withData(String jdbcUrl, String dataDir) {
        return new GatewayConfig(server, apiKeys, providers, routes, defaults,
                new StoreConfig(jdbcUrl, store.user(), store.password(), store.maxPoolSize()),
                new MeteringConfig(dataDir + "/journal", metering.fsyncIntervalMs(), metering.cnyPerUsd()),
                new SecurityConfig(security.masterKey(), dataDir + "/master.key", dataDir + "/audit.key"), controls, policy, compliance, audit);
    }
}
