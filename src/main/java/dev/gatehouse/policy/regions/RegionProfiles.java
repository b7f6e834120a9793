package dev.gatehouse.policy.regions;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.gatehouse.config.PolicyConfig.ProviderRegionConfig;
import dev.gatehouse.config.ProviderConfig;
import dev.gatehouse.policy.CountryCodes;
import dev.gatehouse.providers.openai.Preset;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The shipped provider region profiles ({@code provider-regions.yaml}: each with its source and
 * date), and the choice of a configured provider's profile from its type, with the operator's
 * {@code policy.providers.<name>} override applied. Parsed and checked once; every country code
 * is valid or the jar does not start.
 */
public final class RegionProfiles {
    public static final String SELF_HOSTED = "self-hosted";
    public static final String UNKNOWN = "unknown";
    private static final Set<String> AZURE_CHINA_SUFFIXES = Set.of(".azure.cn", ".chinacloudapi.cn");
    private static final RegionProfiles SHIPPED = load();

    private final Map<String, ProviderRegion> profiles;

    private RegionProfiles(Map<String, ProviderRegion> profiles) {
        this.profiles = profiles;
    }

    /** The profiles in the jar. */
    public static RegionProfiles shipped() { return SHIPPED; }

    public Optional<ProviderRegion> profile(String name) {
        return Optional.ofNullable(name == null ? null : profiles.get(name));
    }

    /** The profile names, in the file's order. */
    public Set<String> names() { return profiles.keySet(); }

    /**
     * The region facts of configured provider {@code providerName}: the profile its type implies
     * (openai, anthropic, azure-global or azure-china by the endpoint's host, hunyuan for
     * tencent-native, a preset's own profile, self-hosted for vllm/ollama/llamacpp, else unknown),
     * then {@code override}'s fields in place of the profile's. A self-hosted deployment processes
     * in {@code homeRegion} (unknown when that is not set).
     *
     * @throws IllegalArgumentException for an unknown profile or country code, naming the config key
     */
    public ProviderRegion forProvider(String providerName, ProviderConfig cfg, ProviderRegionConfig override, String homeRegion) {
        String at = "policy.providers." + providerName;
        String name = override != null && override.profile() != null ? override.profile().strip() : profileOf(cfg);
        ProviderRegion base = profiles.get(name);
        if (base == null) {
            throw new IllegalArgumentException(at + ".profile: there is no provider region profile '" + name
                    + "'; the shipped profiles are " + String.join(", ", profiles.keySet()));
        }
        String processing = base.processingRegion();
        if (name.equals(SELF_HOSTED)) {
            processing = homeRegion == null ? UNKNOWN : country("policy.home_region", homeRegion);
        }
        if (override == null) return withProcessing(base, processing);
        if (override.processingRegion() != null) {
            String p = override.processingRegion().strip();
            processing = p.equalsIgnoreCase(UNKNOWN) ? UNKNOWN : country(at + ".processing_region", p);
        }
        Set<String> serves = override.serves() != null ? countries(at + ".serves", override.serves(), false) : base.serves();
        Set<String> blocked = override.blocked() != null ? countries(at + ".blocked", override.blocked(), true) : base.blocked();
        return new ProviderRegion(base.profile(), processing, serves, blocked, base.source(), base.asOf());
    }

    /** The profile a provider's type implies, before any override. */
    String profileOf(ProviderConfig cfg) {
        String type = cfg.type() == null ? "" : cfg.type().strip().toLowerCase(Locale.ROOT);
        switch (type) {
            case "openai", "anthropic":
                return type;
            case "azure":
                String host = host(cfg.endpoint());
                return host != null && AZURE_CHINA_SUFFIXES.stream().anyMatch(host::endsWith) ? "azure-china" : "azure-global";
            case "tencent-native":
                return "hunyuan";
            case "openai-compatible":
                // Gemini's OpenAI-compatible endpoint is the one well-known host among generic servers
                String h = host(cfg.baseUrl());
                return h != null && h.equals("generativelanguage.googleapis.com") ? "google" : UNKNOWN;
            default:
                Preset preset = Preset.all().get(type);
                if (preset == null) return UNKNOWN;
                if (SELF_HOSTED.equals(preset.region())) return SELF_HOSTED;
                return profiles.containsKey(type) ? type : UNKNOWN;
        }
    }

    private static ProviderRegion withProcessing(ProviderRegion p, String processing) {
        return processing.equals(p.processingRegion()) ? p
                : new ProviderRegion(p.profile(), processing, p.serves(), p.blocked(), p.source(), p.asOf());
    }

    private static String host(String url) {
        if (url == null || url.isBlank()) return null;
        try {
            String h = URI.create(url.strip()).getHost();
            return h == null ? null : h.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null; // the provider's factory reports a bad URL; here it just places nothing
        }
    }

    private static String country(String field, String value) {
        try {
            return CountryCodes.normalise(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + ": " + e.getMessage(), e);
        }
    }

    /** The codes of a list; {@code emptyAllowed} for blocklists (an empty allowlist would serve nobody, which is never meant). */
    private static Set<String> countries(String field, List<String> values, boolean emptyAllowed) {
        if (values.isEmpty() && !emptyAllowed) {
            throw new IllegalArgumentException(field + " must name at least one country; to serve everyone, leave it out and list 'blocked' countries instead");
        }
        Set<String> out = new TreeSet<>();
        for (String v : values) out.add(country(field, v));
        return out;
    }

    // ---- the shipped file ----

    /** One profile as written in {@code provider-regions.yaml}. */
    record Entry(String processingRegion, List<String> serves, List<String> servesAllExcept, String source, String asOf) {}

    static RegionProfiles of(Map<String, Entry> entries) { return new RegionProfiles(parse(entries)); }

    private static RegionProfiles load() {
        ObjectMapper yaml = YAMLMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
        Map<String, Entry> entries;
        try (InputStream in = RegionProfiles.class.getResourceAsStream("provider-regions.yaml")) {
            if (in == null) throw new IllegalStateException("provider-regions.yaml is missing from the jar");
            entries = yaml.readValue(in, new TypeReference<LinkedHashMap<String, Entry>>() {});
        } catch (IOException e) {
            throw new IllegalStateException("provider-regions.yaml is unreadable: " + e.getMessage(), e);
        }
        return of(entries);
    }

    /** Checks every entry; a shipped file with a bad entry is a build defect, so this throws rather than skips. */
    static Map<String, ProviderRegion> parse(Map<String, Entry> entries) {
        Map<String, ProviderRegion> out = new LinkedHashMap<>();
        entries.forEach((name, e) -> {
            String at = "provider-regions.yaml: " + name;
            if (e == null) throw new IllegalStateException(at + " is empty");
            if ((e.serves() == null) == (e.servesAllExcept() == null)) {
                throw new IllegalStateException(at + " needs exactly one of serves or serves_all_except");
            }
            String processing = e.processingRegion();
            if (processing == null || !(processing.equals(UNKNOWN) || CountryCodes.valid(processing))) {
                throw new IllegalStateException(at + ".processing_region '" + processing + "' is not a country code or 'unknown'");
            }
            if (e.source() == null || e.source().isBlank()) throw new IllegalStateException(at + " has no source");
            try {
                LocalDate.parse(String.valueOf(e.asOf()));
            } catch (DateTimeParseException ex) {
                throw new IllegalStateException(at + ".as_of '" + e.asOf() + "' is not a date like 2026-11-22");
            }
            List<String> serves = e.serves() != null ? e.serves() : List.of();
            List<String> blocked = e.servesAllExcept() != null ? e.servesAllExcept() : List.of();
            if (e.serves() != null && serves.isEmpty()) throw new IllegalStateException(at + ".serves is empty");
            out.put(name, new ProviderRegion(name, processing, exact(at, serves), exact(at, blocked), e.source().strip(), e.asOf()));
        });
        return Collections.unmodifiableMap(out);
    }

    private static Set<String> exact(String at, List<String> codes) {
        Set<String> out = new LinkedHashSet<>();
        for (String c : codes) {
            if (!CountryCodes.valid(c)) throw new IllegalStateException(at + ": '" + c + "' is not an upper-case ISO 3166-1 alpha-2 code");
            if (!out.add(c)) throw new IllegalStateException(at + ": '" + c + "' is listed twice");
        }
        return out;
    }
}
