package dev.gatehouse.policy;

import dev.gatehouse.policy.pii.PiiKind;
import dev.gatehouse.policy.pii.Sensitivity;

import java.util.Set;

/**
 * A fact a rule's condition can test, as the policy file names it. Request facts are the same for
 * every deployment; deployment facts are judged per candidate. A fact that is not known (no geo
 * database, a config-file key without a customer) has the value {@code unknown}, which a
 * condition can name.
 */
public enum Fact {
    CLIENT_COUNTRY("client_country", Domain.COUNTRY) {
        @Override String value(RequestFacts f, Candidate c) { return f.clientCountry(); }
    },
    CUSTOMER_COUNTRY("customer_country", Domain.COUNTRY) {
        @Override String value(RequestFacts f, Candidate c) { return f.customerCountry(); }
    },
    CUSTOMER_KIND("customer_kind", Domain.CUSTOMER_KIND) {
        @Override String value(RequestFacts f, Candidate c) { return f.customerKind(); }
    },
    KYC("kyc", Domain.KYC) {
        @Override String value(RequestFacts f, Candidate c) { return f.kyc(); }
    },
    SCREENING("screening", Domain.SCREENING) {
        @Override String value(RequestFacts f, Candidate c) { return f.screening(); }
    },
    PRC_RESIDENT("prc_resident", Domain.BOOLEAN) {
        @Override String value(RequestFacts f, Candidate c) { return bool(f.prcResident()); }
    },
    FOREIGN("foreign", Domain.BOOLEAN) {
        @Override String value(RequestFacts f, Candidate c) { return bool(f.foreign()); }
    },
    ROUTE("route", Domain.ROUTE) {
        @Override String value(RequestFacts f, Candidate c) { return f.route(); }
    },
    CUSTOMER("customer", Domain.ANY) {
        @Override String value(RequestFacts f, Candidate c) { return f.customerId(); }
    },
    PROJECT("project", Domain.ANY) {
        @Override String value(RequestFacts f, Candidate c) { return f.projectId(); }
    },
    /** Which kinds of personal data the prompt holds; {@code any} and {@code sensitive} name groups. */
    PERSONAL_DATA("personal_data", Domain.PERSONAL_DATA) {
        @Override String value(RequestFacts f, Candidate c) {
            Set<PiiKind> kinds = f.personalDataKinds();
            if (kinds.isEmpty()) return "none";
            StringBuilder s = new StringBuilder();
            for (PiiKind k : kinds) s.append(s.isEmpty() ? "" : ",").append(PolicyWords.wire(k));
            return s.toString();
        }

        @Override boolean in(RequestFacts f, Candidate c, Set<String> values) {
            for (PiiKind k : f.personalDataKinds()) {
                if (values.contains("any") || values.contains(PolicyWords.wire(k))) return true;
                if (values.contains("sensitive") && k.sensitivity() == Sensitivity.SENSITIVE) return true;
            }
            return false;
        }
    },
    PROVIDER("provider", Domain.PROVIDER) {
        @Override String value(RequestFacts f, Candidate c) { return c.deployment().provider().name(); }
    },
    PROVIDER_TYPE("provider_type", Domain.PROVIDER_TYPE) {
        @Override String value(RequestFacts f, Candidate c) { return c.deployment().provider().type(); }
    },
    REGION_PROFILE("region_profile", Domain.REGION_PROFILE) {
        @Override String value(RequestFacts f, Candidate c) { return c.region().profile(); }
    },
    PROCESSING_REGION("processing_region", Domain.COUNTRY) {
        @Override String value(RequestFacts f, Candidate c) { return c.region().processingRegion(); }
    },
    /** The provider serves both the customer's country and the client's country. */
    SERVES("serves", Domain.BOOLEAN) {
        @Override String value(RequestFacts f, Candidate c) {
            return bool(c.region().serves(f.customerCountry()) && c.region().serves(f.clientCountry()));
        }
    },
    SERVES_CUSTOMER_COUNTRY("serves_customer_country", Domain.BOOLEAN) {
        @Override String value(RequestFacts f, Candidate c) { return bool(c.region().serves(f.customerCountry())); }
    },
    SERVES_CLIENT_COUNTRY("serves_client_country", Domain.BOOLEAN) {
        @Override String value(RequestFacts f, Candidate c) { return bool(c.region().serves(f.clientCountry())); }
    },
    /** The deployment processes in the customer's own country. */
    DOMESTIC("domestic", Domain.BOOLEAN) {
        @Override String value(RequestFacts f, Candidate c) {
            String home = f.customerCountry();
            String region = c.region().processingRegion();
            return home == null || region == null || "unknown".equals(region) ? null : bool(home.equals(region));
        }
    };

    /** What values a fact can take, so that a rule naming another is refused at load. */
    public enum Domain { COUNTRY, CUSTOMER_KIND, KYC, SCREENING, BOOLEAN, ROUTE, ANY, PERSONAL_DATA, PROVIDER, PROVIDER_TYPE, REGION_PROFILE }

    public static final String UNKNOWN = "unknown";

    private final String wire;
    private final Domain domain;

    Fact(String wire, Domain domain) {
        this.wire = wire;
        this.domain = domain;
    }

    public String wire() { return wire; }
    public Domain domain() { return domain; }

    public boolean perDeployment() { return ordinal() >= PROVIDER.ordinal(); }

    /** The fact's value for this request (and candidate), or null when unknown. */
    abstract String value(RequestFacts f, Candidate c);

    /** Whether the fact's value is one of {@code values} (which may name {@code unknown}). */
    boolean in(RequestFacts f, Candidate c, Set<String> values) {
        String v = value(f, c);
        return values.contains(v != null ? v : UNKNOWN);
    }

    private static String bool(Boolean b) { return b == null ? null : b ? "true" : "false"; }
}
