package dev.gatehouse.policy;

import dev.gatehouse.config.ConfigLoader;
import dev.gatehouse.config.PolicyRuleConfig;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A shipped set of rules ({@code dev/gatehouse/policy/packs/NAME.yaml}), applied before the
 * operator's own rules. An operator rule with a pack rule's id replaces it where it stands.
 */
public record PolicyPack(String description, List<PolicyRuleConfig> rules) {

    /** A pack as read, with the line of each of its fields for errors. */
    record Loaded(String name, PolicyPack pack, Map<String, Integer> lines) {}

    static Loaded load(String name) {
        if (!name.matches("[a-z0-9-]+")) throw new IllegalArgumentException("no policy pack named '" + name + "'");
        String path = "/dev/gatehouse/policy/packs/" + name + ".yaml";
        String text;
        try (InputStream in = PolicyPack.class.getResourceAsStream(path)) {
            if (in == null) throw new IllegalArgumentException("no policy pack named '" + name + "' (shipped: default)");
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read policy pack " + path, e);
        }
        PolicyPack pack = new ConfigLoader(v -> null).parseDocument(text, "pack " + name, PolicyPack.class, "policy pack");
        return new Loaded(name, pack, ConfigLoader.lines(text));
    }
}
