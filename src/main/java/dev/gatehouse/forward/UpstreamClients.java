package dev.gatehouse.forward;

import dev.gatehouse.providers.Provider;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One pooled HTTP client per provider, so each provider has its own connection limit
 * ({@code max_connections}) and a slow provider cannot take every connection from the others.
 */
public final class UpstreamClients {
    private final Map<String, HttpClientAgent> byProvider = new HashMap<>();

    public UpstreamClients(Vertx vertx, Iterable<Provider> providers) {
        for (Provider p : providers) {
            byProvider.put(p.name(), vertx.createHttpClient(
                    new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true).setKeepAliveTimeout(60)
                            .setMaxInitialLineLength(16 * 1024).setMaxHeaderSize(64 * 1024).setDecompressionSupported(false),
                    new PoolOptions().setHttp1MaxSize(p.maxConnections()).setMaxWaitQueueSize(-1)));
        }
    }

    HttpClient of(Provider p) { return byProvider.get(p.name()); }

    public Future<Void> close() {
        List<Future<Void>> closing = new ArrayList<>();
        for (HttpClientAgent c : byProvider.values()) closing.add(c.close());
        return Future.all(closing).mapEmpty();
    }
}
