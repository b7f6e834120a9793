package dev.gatehouse.config;

import java.util.List;

/**
 * The listening side: address, limits on what a client may send, event-loop count, and the network
 * transport under the event loops ({@code auto}, {@code io_uring}, {@code epoll} or {@code nio};
 * {@code auto} takes the first of them this machine offers).
 */
public record ServerConfig(String host, Integer port, Long maxBodyBytes, Integer maxHeaderBytes, Integer eventLoops,
                           String transport) {
    public static final List<String> TRANSPORTS = List.of("auto", "io_uring", "epoll", "nio");
    public static final ServerConfig DEFAULTS = new ServerConfig("127.0.0.1", 8080, 8L * 1024 * 1024, 16 * 1024,
            Runtime.getRuntime().availableProcessors(), "auto");

    public ServerConfig over(ServerConfig base) {
        return new ServerConfig(
                host != null ? host : base.host,
                port != null ? port : base.port,
                maxBodyBytes != null ? maxBodyBytes : base.maxBodyBytes,
                maxHeaderBytes != null ? maxHeaderBytes : base.maxHeaderBytes,
                eventLoops != null ? eventLoops : base.eventLoops,
                transport != null ? transport : base.transport);
    }

    /** This server listening on another port. */
    public ServerConfig withPort(int newPort) {
        return new ServerConfig(host, newPort, maxBodyBytes, maxHeaderBytes, eventLoops, transport);
    }

    /** Refuses a transport this gateway does not know (called by the loader). */
    void check() {
        if (!TRANSPORTS.contains(transport)) {
            throw new InvalidField("server.transport", "must be one of " + TRANSPORTS + ", not '" + transport + "'");
        }
    }
}
