package dev.gatehouse.forward;

import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Upstream URLs parsed once. An adapter names its upstream by absolute URL on every request, and
 * parsing one (java.net.URL underneath) was about 1 % of the routing path's CPU, and the server's
 * address Vert.x derives from it another 0.7 %; the URLs come from
 * the configuration (one per deployment and operation), so each is parsed the first time it is
 * seen. The cache stops growing at {@link #MAX_ENTRIES}, in case an adapter ever builds URLs that
 * differ per request: those are then parsed each time, as before.
 */
final class UpstreamTargets {
    static final int MAX_ENTRIES = 4096;
    private static final ConcurrentHashMap<String, RequestOptions> PARSED = new ConcurrentHashMap<>();

    private UpstreamTargets() {}

    /** Fresh options (the caller sets method, headers and timeouts) aimed at {@code absoluteUri}. */
    static RequestOptions optionsFor(String absoluteUri) {
        RequestOptions parsed = PARSED.get(absoluteUri);
        if (parsed == null) {
            parsed = new RequestOptions().setAbsoluteURI(absoluteUri);
            // the server's address too: Vert.x builds (and checks as an IP literal) one per request otherwise
            parsed.setServer(SocketAddress.inetSocketAddress(parsed.getPort(), parsed.getHost()));
            if (PARSED.size() < MAX_ENTRIES) PARSED.putIfAbsent(absoluteUri, parsed);
        }
        return new RequestOptions(parsed);
    }
}
