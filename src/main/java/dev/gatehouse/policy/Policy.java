package dev.gatehouse.policy;

import dev.gatehouse.config.PolicyConfig;
import dev.gatehouse.policy.geo.ClientAddress;
import dev.gatehouse.policy.geo.GeoIp;
import dev.gatehouse.policy.pii.Redactor;
import dev.gatehouse.policy.regions.ProviderRegion;
import dev.gatehouse.routing.Deployment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A compiled policy: its rules in order, each configured provider's regions, the geo database and
 * the personal-data detectors. Immutable; a reload compiles a new one and swaps it in whole.
 *
 * @param source        where it was read from, for status and the trace
 * @param scansPrompts  whether any rule needs the prompt's personal data (else it is never scanned)
 */
public record Policy(List<Rule> rules, Map<String, ProviderRegion> regions, GeoIp geo, ClientAddress clientAddress,
                     Redactor redactor, PolicyConfig.PersonalDataConfig personalData, String homeRegion,
                     boolean scansPrompts, String source, Instant loadedAt) {

    /** The region of a configured provider ({@code unknown} profile if the policy has none for it). */
    public ProviderRegion region(String providerName) {
        ProviderRegion r = regions.get(providerName);
        return r != null ? r : UNKNOWN_REGION;
    }

    public List<Candidate> candidates(List<Deployment> deployments) {
        List<Candidate> out = new ArrayList<>(deployments.size());
        for (Deployment d : deployments) out.add(new Candidate(d, region(d.provider().name())));
        return out;
    }

    private static final ProviderRegion UNKNOWN_REGION = new ProviderRegion("unknown", Fact.UNKNOWN,
            java.util.Set.of(), java.util.Set.of(), "no region profile", "");
}
