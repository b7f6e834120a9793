package dev.gatehouse.config;

/** The listening side: address, limits on what a client may send, and event-loop count. */
public record ServerConfig(String host, Integer port, Long maxBodyBytes, Integer maxHeaderBytes, Integer eventLoops) {
    public static final ServerConfig DEFAULTS = new ServerConfig("127.0.0.1", 8080, 8L * 1024 * 1024, 16 * 1024,
            Runtime.getRuntime().availableProcessors());

    public ServerConfig over(ServerConfig base) {
        return new ServerConfig(
                host != null ? host : base.host,
                port != null ? port : base.port,
                maxBodyBytes != null ? maxBodyBytes : base.maxBodyBytes,
                maxHeaderBytes != null ? maxHeaderBytes : base.maxHeaderBytes,
                eventLoops != null ? eventLoops : base.eventLoops);
    }
}
