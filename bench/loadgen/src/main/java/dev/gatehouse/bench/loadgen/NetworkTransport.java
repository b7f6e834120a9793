package dev.gatehouse.bench.loadgen;

import io.vertx.core.transport.Transport;

/** The {@code --transport} option of the load generator and the bare Vert.x proxy. */
final class NetworkTransport {
    private NetworkTransport() {}

    /**
     * As Gatehouse's {@code server.transport}: {@code auto} takes io_uring, then epoll (a kernel or
     * sandbox may refuse io_uring), then Java NIO; a transport named explicitly must be available.
     */
    static Transport named(String name) {
        Transport t = switch (name) {
            case "auto" -> usable(Transport.IO_URING) ? Transport.IO_URING : usable(Transport.EPOLL) ? Transport.EPOLL : Transport.NIO;
            case "io_uring" -> Transport.IO_URING;
            case "epoll" -> Transport.EPOLL;
            case "nio" -> Transport.NIO;
            default -> throw new IllegalArgumentException("--transport: auto, io_uring, epoll or nio (not '" + name + "')");
        };
        if (!usable(t)) {
            throw new IllegalStateException("transport " + name + " is not available"
                    + (t != null && t.unavailabilityCause() != null ? ": " + t.unavailabilityCause() : ""));
        }
        return t;
    }

    /** Vert.x leaves a native transport null when its Netty library is not on the class path. */
    private static boolean usable(Transport t) {
        return t != null && t.available();
    }
}
