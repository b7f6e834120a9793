package dev.gatehouse.policy;

import dev.gatehouse.config.PolicyConfig;
import dev.gatehouse.config.PolicyRuleConfig;
import dev.gatehouse.config.ProviderConfig;
import dev.gatehouse.policy.geo.ClientAddress;
import dev.gatehouse.policy.geo.GeoIp;
import dev.gatehouse.policy.pii.PersonalDataDetectors;
import dev.gatehouse.policy.pii.Redactor;
import dev.gatehouse.policy.regions.ProviderRegion;
import dev.gatehouse.policy.regions.RegionProfiles;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a policy as written into a {@link Policy}: every name and country checked, every rule
 * compiled into conditions over known facts, and rules that could never match refused. Collects
 * every problem, each with its line, instead of stopping at the first.
 */
public final class PolicyCompiler {

    /** What the policy may refer to: the configured providers and routes. */
    public record World(Map<String, ProviderConfig> providers, Set<String> routes) {}

    /** Where the policy text came from, to name lines in errors. */
    public record Source(String name, Map<String, Integer> lines, String pointerPrefix) {
        String at(String pointer) {
            Integer line = lines.get(pointerPrefix + pointer);
            return line != null ? name + " line " + line : name;
        }
    }

    private final World world;
    private final RegionProfiles profiles;
    private final List<String> problems = new ArrayList<>();
    private Map<String, ProviderRegion> regions = Map.of();

    private PolicyCompiler(World world, RegionProfiles profiles) {
        this.world = world;
        this.profiles = profiles;
    }

    public static Policy compile(PolicyConfig cfg, Source source, World world, RegionProfiles profiles, Instant now) {
        return new PolicyCompiler(world, profiles).run(cfg, source, now);
    }

    private Policy run(PolicyConfig cfg, Source source, Instant now) {
        String home = null;
        if (cfg.homeRegion() != null) {
            home = country(cfg.homeRegion(), source.at("/home_region"), "home_region");
        }
        ClientAddress clientAddress = null;
        try {
            clientAddress = ClientAddress.parse(cfg.trustedProxies());
        } catch (IllegalArgumentException e) {
            problems.add(source.at("/trusted_proxies") + ": " + e.getMessage());
        }
        regions = regions(cfg, source, home);
        PolicyConfig.PersonalDataConfig pd = cfg.personalData();
        if (pd.alertAt() <= 0 || pd.alertAt() > 1) {
            problems.add(source.at("/personal_data/alert_at") + ": alert_at is a fraction of a threshold, above 0 and at most 1, not " + pd.alertAt());
        }
        Redactor redactor = PersonalDataDetectors.from(pd);

        List<Rule> rules = new ArrayList<>();
        Map<String, Integer> byId = new LinkedHashMap<>();
        for (String packName : cfg.packs()) {
            PolicyPack.Loaded pack;
            try {
                pack = PolicyPack.load(packName);
            } catch (IllegalArgumentException e) {
                problems.add(source.at("/packs") + ": " + e.getMessage());
                continue;
            }
            Source packSource = new Source("pack " + packName, pack.lines(), "");
            List<PolicyRuleConfig> packRules = pack.pack().rules();
            for (int i = 0; i < packRules.size(); i++) {
                Rule r = new RuleCompiler(this, packSource, "/rules/" + i, true).compile(packRules.get(i));
                if (r != null) add(rules, byId, r, packSource.at("/rules/" + i), false);
            }
        }
        for (int i = 0; i < cfg.rules().size(); i++) {
            Rule r = new RuleCompiler(this, source, "/rules/" + i, false).compile(cfg.rules().get(i));
            if (r != null) add(rules, byId, r, source.at("/rules/" + i), true);
        }
        if (!problems.isEmpty()) throw new PolicyException(problems);

        GeoIp geo;
        try {
            geo = cfg.geoDatabase() != null ? GeoIp.open(Path.of(cfg.geoDatabase())) : GeoIp.off();
        } catch (IllegalArgumentException e) {
            throw new PolicyException(List.of(source.at("/geo_database") + ": " + e.getMessage()));
        }
        boolean scans = false;
        for (Rule r : rules) {
            if (r.action() instanceof Action.Redact) scans = true;
            for (Condition c : r.when()) if (c.fact() == Fact.PERSONAL_DATA) scans = true;
            for (Condition c : r.unless()) if (c.fact() == Fact.PERSONAL_DATA) scans = true;
        }
        return new Policy(List.copyOf(rules), Map.copyOf(regions), geo, clientAddress, redactor, pd, home, scans,
                source.name(), now);
    }

    /** An operator rule with a pack rule's id takes its place; two rules of one source may not share an id. */
    private void add(List<Rule> rules, Map<String, Integer> byId, Rule r, String where, boolean operator) {
        Integer at = byId.get(r.id());
        if (at == null) {
            byId.put(r.id(), rules.size());
            rules.add(r);
        } else if (operator && rules.get(at).source().startsWith("pack ")) {
            rules.set(at, r);
        } else {
            problems.add(where + ": rule id '" + r.id() + "' is used twice (first at " + rules.get(at).source() + ")");
        }
    }

    private Map<String, ProviderRegion> regions(PolicyConfig cfg, Source source, String home) {
        Map<String, ProviderRegion> out = new LinkedHashMap<>();
        for (String name : cfg.providers().keySet()) {
            if (!world.providers().containsKey(name)) {
                problems.add(source.at("/providers/" + name) + ": no provider '" + name + "' is configured (configured: "
                        + world.providers().keySet() + ")");
            }
        }
        for (Map.Entry<String, ProviderConfig> p : world.providers().entrySet()) {
            try {
                out.put(p.getKey(), profiles.forProvider(p.getKey(), p.getValue(), cfg.providers().get(p.getKey()), home));
            } catch (IllegalArgumentException e) {
                problems.add(source.at("/providers/" + p.getKey()) + ": provider '" + p.getKey() + "': " + e.getMessage());
            }
        }
        return out;
    }

    // --- shared by RuleCompiler ---

    void problem(String message) { problems.add(message); }

    World world() { return world; }

    RegionProfiles profiles() { return profiles; }

    String country(String value, String where, String field) {
        String c = value.toUpperCase(java.util.Locale.ROOT);
        if (CountryCodes.valid(c)) return c;
        problems.add(where + ": " + field + ": '" + value + "' is not an ISO 3166 country code (two letters, e.g. CN, US, DE)");
        return null;
    }

    ProviderRegion regionOf(String providerName) { return regions.get(providerName); }
}
