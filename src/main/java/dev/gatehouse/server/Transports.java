package dev.gatehouse.server;

import dev.gatehouse.config.ConfigException;
import io.vertx.core.transport.Transport;

/**
 * The network transport under the event loops, by the name in {@code server.transport}.
 *
 * <p>{@code auto} prefers io_uring: on this project's benchmark it served some 25 % more requests
 * per core than epoll (docs/benchmarks/NOTES.md), because a request's sends and receives are
 * submitted to the kernel together instead of one system call each. Kernels or sandboxes that
 * refuse io_uring (a {@code kernel.io_uring_disabled} sysctl, a container's seccomp profile) make
 * Netty's probe fail, and {@code auto} then takes epoll, then Java NIO. A transport named
 * explicitly must be available, or the gateway does not start.
 */
final class Transports {
    private Transports() {}

    static Transport choose(String name) {
        return switch (name) {
            case "auto" -> available(Transport.IO_URING) ? Transport.IO_URING
                    : available(Transport.EPOLL) ? Transport.EPOLL : Transport.NIO;
            case "io_uring" -> required(Transport.IO_URING, name);
            case "epoll" -> required(Transport.EPOLL, name);
            case "nio" -> Transport.NIO;
            default -> throw new ConfigException("server.transport: unknown transport '" + name + "'");
        };
    }

    /** Vert.x leaves a native transport null when its Netty library is not on the class path at all. */
    private static boolean available(Transport t) {
        return t != null && t.available();
    }

    static Transport required(Transport t, String name) {
        if (available(t)) return t;
        String why = t == null ? "its Netty library is not on the class path"
                : t.unavailabilityCause() != null ? t.unavailabilityCause().getMessage() : null;
        throw new ConfigException("server.transport " + name + " is not available on this machine"
                + (why != null ? ": " + why : "") + "; use auto to fall back to what is");
    }
}
