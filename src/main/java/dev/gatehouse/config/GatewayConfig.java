package dev.gatehouse.config;

import java.util.List;
import java.util.Map;

/** The whole configuration file, as written. {@link ConfigLoader} reads and checks it. */
public record GatewayConfig(ServerConfig server, List<ApiKeyConfig> apiKeys, Map<String, ProviderConfig> providers,
                            Map<String, RouteConfig> routes, Defaults defaults) {

    /** This config listening on another port (0 picks a free one). */
    public GatewayConfig withPort(int port) {
        ServerConfig s = server;
        return new GatewayConfig(new ServerConfig(s.host(), port, s.maxBodyBytes(), s.maxHeaderBytes(), s.eventLoops()),
                apiKeys, providers, routes, defaults);
    }
}
