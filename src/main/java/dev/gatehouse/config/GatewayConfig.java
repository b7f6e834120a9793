package dev.gatehouse.config;

import java.util.List;
import java.util.Map;

/** The whole configuration file, as written. {@link ConfigLoader} reads and checks it. */
public record GatewayConfig(ServerConfig server, List<ApiKeyConfig> apiKeys, Map<String, ProviderConfig> providers,
                            Map<String, RouteConfig> routes, Defaults defaults) {
}
