package dev.gatehouse.policy;

import dev.gatehouse.config.Match;
import dev.gatehouse.config.PolicyRuleConfig;
import dev.gatehouse.config.PolicyRuleConfig.Conditions;
import dev.gatehouse.config.PolicyRuleConfig.DeploymentConditions;
import dev.gatehouse.config.ProviderConfig;
import dev.gatehouse.policy.pii.PiiKind;
import dev.gatehouse.policy.regions.ProviderRegion;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Compiles one rule for {@link PolicyCompiler}, reporting each problem with the rule's line. */
final class RuleCompiler {
    private static final Set<String> KINDS = Set.of("individual", "enterprise");
    private static final Set<String> KYC = Set.of("unverified", "pending_review", "verified", "rejected");
    private static final Set<String> SCREENING = Set.of("clear", "review", "hit");
    private static final Set<String> ACTIONS = Set.of("deny", "exclude", "redact", "quota", "log_content");

    private final PolicyCompiler owner;
    private final PolicyCompiler.Source source;
    private final String pointer;
    /** Pack rules are written for any gateway: one that names a provider type nobody configured is dormant, not wrong. */
    private final boolean pack;
    private String label;
    private boolean failed;

    RuleCompiler(PolicyCompiler owner, PolicyCompiler.Source source, String pointer, boolean pack) {
        this.owner = owner;
        this.source = source;
        this.pointer = pointer;
        this.pack = pack;
    }

    Rule compile(PolicyRuleConfig r) {
        label = r.id() != null ? "rule '" + r.id() + "'" : "rule #" + (Integer.parseInt(pointer.substring(pointer.lastIndexOf('/') + 1)) + 1);
        if (r.id() == null || !r.id().matches("[a-z][a-z0-9_]{0,62}")) {
            fail("/id", "every rule needs an id of lower-case letters, digits and _ (it becomes the error code policy.<id>), not "
                    + (r.id() == null ? "none" : "'" + r.id() + "'"));
        }
        List<Condition> when = request(r.when(), "/when");
        List<Condition> unless = request(r.unless(), "/unless");
        List<Condition> where = deployment(r.where(), "/where");
        Action action = action(r, when);
        if (action != null && !where.isEmpty() && !(action instanceof Action.Exclude || action instanceof Action.Redact)) {
            fail("/where", "'where' picks deployments, so it goes with 'exclude' or 'redact', not '" + r.then() + "'");
        }
        if (r.message() != null && !(action instanceof Action.Deny || action instanceof Action.Exclude)) {
            fail("/message", "'message' is what a refused developer reads; '" + r.then() + "' refuses no one");
        }
        neverMatches(when, unless, where);
        if (failed) return null;
        return new Rule(r.id(), r.description(), r.message(), when, unless, where, action, source.at(pointer));
    }

    private Action action(PolicyRuleConfig r, List<Condition> when) {
        if (r.then() == null || !ACTIONS.contains(r.then())) {
            fail("/then", "'then' is one of " + ACTIONS + ", not " + (r.then() == null ? "missing" : "'" + r.then() + "'"));
            return null;
        }
        if (r.quota() != null && !"quota".equals(r.then())) fail("/quota", "'quota' goes with 'then: quota'");
        return switch (r.then()) {
            case "deny" -> new Action.Deny();
            case "exclude" -> new Action.Exclude();
            case "log_content" -> new Action.LogContent();
            case "redact" -> {
                Set<PiiKind> kinds = PiiKindsNamed.all();
                for (Condition c : when) if (c.fact() == Fact.PERSONAL_DATA && !c.negated()) kinds = PiiKindsNamed.kinds(c.values());
                yield new Action.Redact(kinds);
            }
            case "quota" -> {
                PolicyRuleConfig.Quota q = r.quota();
                if (q == null || (q.requestsPerMinute() == null && q.tokensPerMinute() == null)) {
                    fail("/then", "'then: quota' needs 'quota: {requests_per_minute: N, tokens_per_minute: N}'");
                    yield null;
                }
                long rpm = q.requestsPerMinute() != null ? q.requestsPerMinute() : Action.Quota.UNLIMITED;
                long tpm = q.tokensPerMinute() != null ? q.tokensPerMinute() : Action.Quota.UNLIMITED;
                if (rpm < 1 || tpm < 1) fail("/quota", "a quota is at least 1 per minute");
                yield new Action.Quota(rpm, tpm);
            }
            default -> throw new IllegalStateException(r.then());
        };
    }

    private List<Condition> request(Conditions c, String at) {
        List<Condition> out = new ArrayList<>();
        if (c == null) return out;
        add(out, Fact.CLIENT_COUNTRY, c.clientCountry(), at);
        add(out, Fact.CUSTOMER_COUNTRY, c.customerCountry(), at);
        add(out, Fact.CUSTOMER_KIND, c.customerKind(), at);
        add(out, Fact.KYC, c.kyc(), at);
        add(out, Fact.SCREENING, c.screening(), at);
        flag(out, Fact.PRC_RESIDENT, c.prcResident());
        flag(out, Fact.FOREIGN, c.foreign());
        add(out, Fact.ROUTE, c.route(), at);
        add(out, Fact.CUSTOMER, c.customer(), at);
        add(out, Fact.PROJECT, c.project(), at);
        add(out, Fact.PERSONAL_DATA, c.personalData(), at);
        if (out.isEmpty() && !failed) fail(at, "'" + at.substring(1) + "' has no conditions; leave it out instead");
        // scanning the prompt is the dearest fact: test it last, after the cheap ones have had their say
        out.sort(Comparator.comparing(x -> x.fact() == Fact.PERSONAL_DATA));
        return List.copyOf(out);
    }

    private List<Condition> deployment(DeploymentConditions c, String at) {
        List<Condition> out = new ArrayList<>();
        if (c == null) return out;
        add(out, Fact.PROVIDER, c.provider(), at);
        add(out, Fact.PROVIDER_TYPE, c.providerType(), at);
        add(out, Fact.REGION_PROFILE, c.regionProfile(), at);
        add(out, Fact.PROCESSING_REGION, c.processingRegion(), at);
        flag(out, Fact.SERVES, c.serves());
        flag(out, Fact.SERVES_CUSTOMER_COUNTRY, c.servesCustomerCountry());
        flag(out, Fact.SERVES_CLIENT_COUNTRY, c.servesClientCountry());
        flag(out, Fact.DOMESTIC, c.domestic());
        if (out.isEmpty() && !failed) fail(at, "'where' has no conditions; leave it out to act on every deployment");
        return List.copyOf(out);
    }

    private void flag(List<Condition> out, Fact fact, Boolean value) {
        if (value != null) out.add(new Condition(fact, Set.of(value.toString()), false));
    }

    private void add(List<Condition> out, Fact fact, Match m, String at) {
        if (m == null) return;
        String field = at + "/" + fact.wire();
        if (m.values().isEmpty()) {
            fail(field, fact.wire() + " lists no values, so it can never match");
            return;
        }
        Set<String> values = new LinkedHashSet<>();
        for (String v : m.values()) {
            String ok = value(fact, v, field);
            if (ok != null) values.add(ok);
        }
        out.add(new Condition(fact, Set.copyOf(values), m.negated()));
    }

    /** The value as the fact holds it, or null (with a problem) if the fact can never take it. */
    private String value(Fact fact, String v, String field) {
        String where = fact.wire() + ": '" + v + "' ";
        if (Fact.UNKNOWN.equals(v) && fact.domain() != Fact.Domain.PERSONAL_DATA) return v;
        switch (fact.domain()) {
            case COUNTRY -> {
                String c = v.toUpperCase(Locale.ROOT);
                if (CountryCodes.valid(c)) return c;
                fail(field, where + "is not an ISO 3166 country code (two letters, e.g. CN, US, DE)");
            }
            case CUSTOMER_KIND -> { return oneOf(v, KINDS, field, where); }
            case KYC -> { return oneOf(v, KYC, field, where); }
            case SCREENING -> { return oneOf(v, SCREENING, field, where); }
            case PERSONAL_DATA -> { return oneOf(v, PiiKindsNamed.words(), field, where); }
            case ROUTE -> {
                if (owner.world().routes().contains(v)) return v;
                fail(field, where + "is not a configured route (configured: " + owner.world().routes() + ")");
            }
            case PROVIDER -> {
                if (owner.world().providers().containsKey(v)) return v;
                fail(field, where + "is not a configured provider (configured: " + owner.world().providers().keySet() + ")");
            }
            case REGION_PROFILE -> {
                if (owner.profiles().names().contains(v)) return v;
                fail(field, where + "is not a region profile (shipped: " + owner.profiles().names() + ")");
            }
            case PROVIDER_TYPE, ANY, BOOLEAN -> {
                if (!v.isBlank()) return v;
                fail(field, fact.wire() + ": an empty value can never match");
            }
        }
        return null;
    }

    private String oneOf(String v, Set<String> allowed, String field, String where) {
        if (allowed.contains(v)) return v;
        fail(field, where + "is not one of " + allowed);
        return null;
    }

    /** Conditions that no request could ever meet: refused, so a typo does not silently switch a rule off. */
    private void neverMatches(List<Condition> when, List<Condition> unless, List<Condition> where) {
        for (Condition u : unless) {
            for (Condition w : when) {
                if (w.fact() == u.fact() && !w.negated() && !u.negated() && u.values().containsAll(w.values())) {
                    fail("/unless", "'unless " + u + "' covers 'when " + w + "', so the rule can never match");
                }
            }
        }
        for (Condition a : when) {
            for (Condition b : when) {
                if (a != b && a.fact() == b.fact() && !a.negated() && b.negated() && b.values().containsAll(a.values())) {
                    fail("/when", "'" + a + "' and '" + b + "' contradict each other, so the rule can never match");
                }
            }
        }
        if (pack) return;
        for (Condition w : where) {
            if (w.negated() || !(w.fact() == Fact.PROVIDER_TYPE || w.fact() == Fact.REGION_PROFILE
                    || w.fact() == Fact.PROCESSING_REGION)) {
                continue;
            }
            boolean any = false;
            for (var p : owner.world().providers().entrySet()) {
                if (w.values().contains(deploymentValue(w.fact(), p.getKey(), p.getValue()))) any = true;
            }
            if (!any) fail("/where/" + w.fact().wire(), "no configured provider has " + w + ", so the rule can never match");
        }
    }

    private String deploymentValue(Fact fact, String name, ProviderConfig cfg) {
        if (fact == Fact.PROVIDER_TYPE) return cfg.type();
        ProviderRegion region = owner.regionOf(name);
        if (region == null) return null;
        return fact == Fact.REGION_PROFILE ? region.profile() : region.processingRegion();
    }

    private void fail(String at, String reason) {
        failed = true;
        owner.problem(source.at(pointer + at) + ": " + label + ": " + reason);
    }
}
