package dev.gatehouse.policy;

import dev.gatehouse.config.ConfigException;
import dev.gatehouse.config.ConfigLoader;
import dev.gatehouse.config.GatewayConfig;
import dev.gatehouse.config.PolicyConfig;
import dev.gatehouse.policy.regions.RegionProfiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The policy in force. It is compiled when the gateway starts (a bad policy stops the start) and
 * again on {@link #reload}, which re-reads the policy file, or the config file's {@code policy:}
 * section; a reload that fails leaves the previous policy in force and says why.
 */
public final class PolicyHolder implements Supplier<Policy>, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PolicyHolder.class);

    private final PolicyCompiler.World world;
    private final RegionProfiles profiles;
    private final Path configFile;
    private final Clock clock;
    private final PolicyConfig initial;
    private volatile Policy current;

    private PolicyHolder(PolicyCompiler.World world, PolicyConfig initial, Path configFile, Clock clock) {
        this.world = world;
        this.initial = initial;
        this.profiles = RegionProfiles.shipped();
        this.configFile = configFile;
        this.clock = clock;
    }

    /**
     * Compiles the policy of {@code config}; {@code configFile} (may be null) is where it was read
     * from, for line numbers and reloads. Throws {@link PolicyException} if the policy is bad.
     */
    public static PolicyHolder load(GatewayConfig config, Path configFile, Clock clock) {
        PolicyHolder h = new PolicyHolder(new PolicyCompiler.World(config.providers(), config.routes().keySet()),
                config.policy(), configFile, clock);
        h.current = h.compile(config.policy(), configFile != null ? read(configFile) : null);
        log.info("policy loaded from {}: {} rules; geolocation {}", h.current.source(), h.current.rules().size(), h.current.geo().describe());
        return h;
    }

    @Override
    public Policy get() { return current; }

    /** The result of a reload: the policy now in force, and the problems that kept a new one out. */
    public record Reload(Policy inForce, List<String> problems) {
        public boolean ok() { return problems.isEmpty(); }
    }

    /** Reads the policy again; on any problem the previous policy stays in force. */
    public synchronized Reload reload() {
        try {
            PolicyConfig cfg = initial;
            String text = null;
            if (configFile != null) {
                text = read(configFile);
                cfg = ConfigLoader.fromSystemEnvironment().parse(text, configFile.toString()).policy();
            } else if (initial.file() == null) {
                throw new PolicyException(List.of("the policy is not in a file (neither a config file nor policy.file), so there is nothing to reload"));
            }
            Policy next = compile(cfg, text);
            current = next;
            log.info("policy reloaded from {}: {} rules", next.source(), next.rules().size());
            return new Reload(next, List.of());
        } catch (PolicyException e) {
            log.warn("policy reload refused, the previous policy stays in force: {}", e.getMessage());
            return new Reload(current, e.problems());
        } catch (ConfigException e) {
            log.warn("policy reload refused, the previous policy stays in force: {}", e.getMessage());
            return new Reload(current, List.of(e.getMessage()));
        }
    }

    private Policy compile(PolicyConfig cfg, String configText) {
        if (cfg.file() != null) {
            Path file = Path.of(cfg.file());
            String text;
            try {
                text = read(file);
            } catch (ConfigException e) {
                throw new PolicyException(List.of(e.getMessage()));
            }
            PolicyConfig own = new ConfigLoader(System::getenv).parseDocument(text, file.toString(), PolicyConfig.class, "policy");
            if (own.file() != null) throw new PolicyException(List.of(file + ": a policy file cannot name another policy file"));
            return PolicyCompiler.compile(own.over(PolicyConfig.DEFAULTS),
                    new PolicyCompiler.Source(file.toString(), ConfigLoader.lines(text), ""), world, profiles, clock.instant());
        }
        Map<String, Integer> lines = configText != null ? ConfigLoader.lines(configText) : Map.of();
        String name = configFile != null ? configFile.toString() : "config";
        return PolicyCompiler.compile(cfg, new PolicyCompiler.Source(name, lines, "/policy"), world, profiles, clock.instant());
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        current.geo().close();
    }
}
