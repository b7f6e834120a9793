package dev.gatehouse.compliance.kyc;

import dev.gatehouse.pipeline.Caller;
import dev.gatehouse.pipeline.GatewayStage;
import dev.gatehouse.pipeline.RequestContext;
import io.vertx.core.net.SocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Records the IP addresses a customer's keys call the model API from, for the customer's CIP
 * record. The request path only notes a (customer, address) pair in memory; a timer writes the
 * pairs seen since the last flush, so a busy customer costs one row update per address and
 * interval, not one per request.
 */
public final class AccessIpRecorder implements GatewayStage, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AccessIpRecorder.class);

    private final CipStore cip;
    private final Map<String, Boolean> seen = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("gatehouse-access-ips").factory());

    public AccessIpRecorder(CipStore cip, long flushSeconds) {
        this.cip = cip;
        timer.scheduleWithFixedDelay(this::flush, flushSeconds, flushSeconds, TimeUnit.SECONDS);
    }

    @Override
    public void onHeaders(RequestContext ctx) {
        Caller caller = ctx.caller();
        if (caller == null || caller.customerId() == null) return;
        SocketAddress remote = ctx.http().remoteAddress();
        if (remote == null || remote.hostAddress() == null) return;
        seen.putIfAbsent(caller.customerId() + "\u0000" + remote.hostAddress(), Boolean.TRUE);
    }

    /** Writes the pairs noted since the last flush (blocking; runs on the timer thread or in tests). */
    public void flush() {
        for (String pair : seen.keySet()) {
            seen.remove(pair);
            int split = pair.indexOf('\u0000');
            try {
                cip.recordAccess(pair.substring(0, split), pair.substring(split + 1), "api");
            } catch (RuntimeException e) {
                log.warn("could not record an access address for customer {}: {}", pair.substring(0, split), e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        flush();
    }
}
