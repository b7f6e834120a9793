package dev.gatehouse.policy.regions;

import java.util.Set;

/**
 * Where a provider processes requests and whom it serves, as one deployment's provider is judged
 * by the policy.
 *
 * @param profile          the shipped profile it came from ({@code openai}, {@code azure-china}, ...)
 * @param processingRegion ISO 3166-1 alpha-2 country where prompts are processed, or {@code unknown}
 * @param serves           the countries the provider serves; empty means it publishes no allowlist
 *                         (then everyone not {@code blocked} is served)
 * @param blocked          countries it does not serve, whatever {@code serves} says
 * @param source           where the facts come from (the provider's own page where there is one)
 * @param asOf             the date (ISO) the facts were checked against the source
 */
public record ProviderRegion(String profile, String processingRegion, Set<String> serves, Set<String> blocked,
                             String source, String asOf) {
    /** The processing region of a provider nobody can place. */
    public static final String UNKNOWN = "unknown";
    /** Mainland China: Hong Kong (HK), Macao (MO) and Taiwan (TW) have codes of their own and are not in it. */
    private static final String MAINLAND_CHINA = "CN";

    public ProviderRegion {
        serves = Set.copyOf(serves);
        blocked = Set.copyOf(blocked);
    }

    /**
     * Whether the provider serves {@code country} (ISO alpha-2, upper case). An unknown country
     * (null) cannot be judged and is not held against the provider: the policy's trace says so.
     */
    public boolean serves(String country) {
        if (country == null) return true;
        if (blocked.contains(country)) return false;
        return serves.isEmpty() || serves.contains(country);
    }

    /** Whether prompts are processed in mainland China (what PRC data residency asks for). */
    public boolean inMainlandChina() {
        return MAINLAND_CHINA.equals(processingRegion);
    }
}
