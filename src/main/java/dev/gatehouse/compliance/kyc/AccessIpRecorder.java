package dev.gatehouse.compliance.kyc;

import dev.gatehouse.pipeline.Caller;
import dev.gatehouse.pipeline.GatewayStage;
import dev.gatehouse.pipeline.RequestContext;
import io.vertx.core.http.HttpServerRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Records the IP addresses a customer's keys call the model API from ({@value #API}), and the ones
 * its own admin keys and console users administer the account from ({@value #ADMIN}), for the
 * customer's CIP record. The request path only notes a (customer, address, kind) triple in memory;
 * a timer writes the triples seen since the last flush, so a busy customer costs one row update per
 * address and interval, not one per request. The address is the client's as the request policy
 * resolves it ({@code policy.trusted_proxies}): behind a load balancer, the caller's, not the balancer's.
 */
public final class AccessIpRecorder implements GatewayStage, AutoCloseable {
    public static final String API = "api";
    public static final String ADMIN = "admin";

    private static final Logger log = LoggerFactory.getLogger(AccessIpRecorder.class);

    private final CipStore cip;
    private final Function<HttpServerRequest, InetAddress> clientOf;
    private final Map<String, Boolean> seen = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("gatehouse-access-ips").factory());

    /** {@code clientOf}: the client address of a request (null when it has none); never blocks. */
    public AccessIpRecorder(CipStore cip, long flushSeconds, Function<HttpServerRequest, InetAddress> clientOf) {
        this.cip = cip;
        this.clientOf = clientOf;
        timer.scheduleWithFixedDelay(this::flush, flushSeconds, flushSeconds, TimeUnit.SECONDS);
    }

    /** This stage never touches the body. */
    @Override
    public boolean editsBodyInPlace() { return false; }

    @Override
    public void onHeaders(RequestContext ctx) {
        Caller caller = ctx.caller();
        if (caller == null || caller.customerId() == null) return;
        note(caller.customerId(), ctx.http(), API);
    }

    /** Notes that {@code customerId} used the client address of {@code request} now; never blocks. */
    public void note(String customerId, HttpServerRequest request, String kind) {
        InetAddress ip = clientOf.apply(request);
        if (ip != null) note(customerId, ip.getHostAddress(), kind);
    }

    /** Notes that {@code customerId} used {@code ip} now, for the model API or the admin API; never blocks. */
    private void note(String customerId, String ip, String kind) {
        if (customerId == null || ip == null) return;
        if (!kind.equals(API) && !kind.equals(ADMIN)) throw new IllegalArgumentException("kind is api or admin, not " + kind);
        seen.putIfAbsent(customerId + "\u0000" + ip + "\u0000" + kind, Boolean.TRUE);
    }

    /** Writes the pairs noted since the last flush (blocking; runs on the timer thread or in tests). */
    public void flush() {
        for (String triple : seen.keySet()) {
            seen.remove(triple);
            String[] parts = triple.split("\u0000", 3);
            try {
                cip.recordAccess(parts[0], parts[1], parts[2]);
            } catch (RuntimeException e) {
                log.warn("could not record an access address for customer {}: {}", parts[0], e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        flush();
    }
}
