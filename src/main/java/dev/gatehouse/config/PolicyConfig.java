package dev.gatehouse.config;

import java.util.List;
import java.util.Map;

/**
 * The request policy as written, under {@code policy:} in the config file or, when {@code file} is
 * set, in a file of its own with the same fields (so that compliance officers can own it). The
 * policy package checks and compiles it; nothing here is interpreted per request.
 *
 * @param file            a policy file to read instead of the fields below
 * @param packs           shipped rule packs to apply before {@code rules} ({@code default} unless set)
 * @param geoDatabase     a MaxMind-format IP-to-country database; without one, geofencing is off
 * @param trustedProxies  addresses or CIDR ranges of proxies whose {@code X-Forwarded-For} is believed
 * @param homeRegion      the country where self-hosted deployments run (their processing region)
 * @param providers       per configured provider: its region profile or explicit regions
 * @param personalData    how prompts are scanned for personal data
 * @param rules           the operator's rules, applied after the packs', in order
 */
public record PolicyConfig(String file, List<String> packs, String geoDatabase, List<String> trustedProxies,
                           String homeRegion, Map<String, ProviderRegionConfig> providers,
                           PersonalDataConfig personalData, List<PolicyRuleConfig> rules) {

    public static final PolicyConfig DEFAULTS = new PolicyConfig(null, List.of("default"), null, List.of(), null,
            Map.of(), PersonalDataConfig.DEFAULTS, List.of());

    public PolicyConfig over(PolicyConfig base) {
        return new PolicyConfig(file,
                packs != null ? List.copyOf(packs) : base.packs,
                geoDatabase != null ? geoDatabase : base.geoDatabase,
                trustedProxies != null ? List.copyOf(trustedProxies) : base.trustedProxies,
                homeRegion != null ? homeRegion : base.homeRegion,
                providers != null ? Map.copyOf(providers) : base.providers,
                personalData != null ? personalData.over(base.personalData) : base.personalData,
                rules != null ? List.copyOf(rules) : base.rules);
    }

    /**
     * Where a provider processes requests and whom it serves, when its shipped profile (chosen from
     * its type) is not right: {@code profile} names another shipped profile; the other fields
     * replace the profile's.
     */
    public record ProviderRegionConfig(String profile, String processingRegion, List<String> serves, List<String> blocked) {}

    /**
     * Personal-data detection: {@code names} is a list of personal names to detect (besides the
     * built-in detectors), {@code scanResponses} scans answers too, {@code restoreResponses} puts
     * redacted values back into answers, {@code alertAt} is the fraction of a PIPL threshold at
     * which the cross-border subject count raises an alert.
     */
    public record PersonalDataConfig(List<String> names, Boolean scanResponses, Boolean restoreResponses, Double alertAt) {
        public static final PersonalDataConfig DEFAULTS = new PersonalDataConfig(List.of(), false, true, 0.8);

        public PersonalDataConfig over(PersonalDataConfig base) {
            return new PersonalDataConfig(names != null ? List.copyOf(names) : base.names,
                    scanResponses != null ? scanResponses : base.scanResponses,
                    restoreResponses != null ? restoreResponses : base.restoreResponses,
                    alertAt != null ? alertAt : base.alertAt);
        }
    }
}
