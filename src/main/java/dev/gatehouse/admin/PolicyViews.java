package dev.gatehouse.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.Json;
import dev.gatehouse.policy.Action;
import dev.gatehouse.policy.Candidate;
import dev.gatehouse.policy.Condition;
import dev.gatehouse.policy.Decision;
import dev.gatehouse.policy.Policy;
import dev.gatehouse.policy.RequestFacts;
import dev.gatehouse.policy.Rule;
import dev.gatehouse.policy.TraceStep;
import dev.gatehouse.policy.pii.PiiKind;
import dev.gatehouse.policy.regions.ProviderRegion;
import dev.gatehouse.routing.Route;

import java.util.List;
import java.util.Map;

/** The policy and its decisions as the admin API shows them. */
final class PolicyViews {
    private PolicyViews() {}

    static ObjectNode status(Policy p) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("source", p.source());
        o.put("loaded_at", p.loadedAt().toString());
        o.put("geolocation", p.geo().describe());
        o.put("home_region", p.homeRegion());
        ArrayNode rules = o.putArray("rules");
        for (Rule r : p.rules()) {
            ObjectNode j = rules.addObject();
            j.put("id", r.id()).put("code", r.code()).put("action", r.action().wire()).put("source", r.source());
            if (r.description() != null) j.put("description", r.description());
            conditions(j, "when", r.when());
            conditions(j, "unless", r.unless());
            conditions(j, "where", r.where());
        }
        ObjectNode regions = o.putObject("provider_regions");
        for (Map.Entry<String, ProviderRegion> e : p.regions().entrySet()) {
            ProviderRegion r = e.getValue();
            regions.putObject(e.getKey()).put("profile", r.profile()).put("processing_region", r.processingRegion())
                    .put("source", r.source()).put("as_of", r.asOf());
        }
        return o;
    }

    private static void conditions(ObjectNode j, String name, List<Condition> cs) {
        if (cs.isEmpty()) return;
        ArrayNode a = j.putArray(name);
        for (Condition c : cs) a.add(c.toString());
    }

    static ObjectNode decision(Policy p, RequestFacts f, Route route, Decision d) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("decision", d.allowed() ? "allow" : "deny");
        o.put("code", d.code());
        if (!d.allowed()) o.put("message", d.message());
        ObjectNode facts = o.putObject("facts");
        facts.put("route", route.name());
        facts.put("customer_id", f.customerId());
        facts.put("operator_key", f.operator());
        facts.put("customer_kind", f.customerKind());
        facts.put("customer_country", f.customerCountry());
        facts.put("kyc", f.kyc());
        facts.put("screening", f.screening());
        facts.put("prc_resident", f.prcResident());
        facts.put("foreign", f.foreign());
        facts.put("client_ip", f.clientIp());
        facts.put("client_country", f.clientCountry());
        facts.put("geolocation", p.geo().describe());
        if (f.scanned()) {
            ArrayNode pd = facts.putArray("personal_data");
            for (PiiKind k : f.personalDataKinds()) pd.add(k.wire());
        }
        ArrayNode before = o.putArray("candidates");
        for (Candidate c : p.candidates(route.deployments())) {
            before.addObject().put("deployment", c.label()).put("region_profile", c.region().profile())
                    .put("processing_region", c.region().processingRegion());
        }
        ArrayNode after = o.putArray("remaining");
        for (Candidate c : d.remaining()) after.add(c.label());
        ArrayNode excluded = o.putArray("excluded");
        for (Decision.Exclusion e : d.excluded()) excluded.addObject().put("deployment", e.candidate().label()).put("rule", e.rule().id());
        ArrayNode redact = o.putArray("redact");
        for (PiiKind k : d.redact()) redact.add(k.wire());
        ArrayNode quotas = o.putArray("quotas");
        for (Decision.RuleQuota q : d.quotas()) {
            ObjectNode j = quotas.addObject().put("rule", q.rule().id());
            if (q.quota().requestsPerMinute() != Action.Quota.UNLIMITED) j.put("requests_per_minute", q.quota().requestsPerMinute());
            if (q.quota().tokensPerMinute() != Action.Quota.UNLIMITED) j.put("tokens_per_minute", q.quota().tokensPerMinute());
        }
        o.put("log_content", d.logContent());
        ArrayNode trace = o.putArray("trace");
        for (TraceStep t : d.trace()) {
            trace.addObject().put("rule", t.rule()).put("action", t.action()).put("outcome", t.outcome()).put("reason", t.reason());
        }
        return o;
    }
}
