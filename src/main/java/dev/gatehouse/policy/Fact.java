package dev.gatehouse.policy;

import dev.gatehouse.policy.pii.PiiKind;

import java.util.Set;
import java.util.StringJoiner;

/**
 * A fact a rule's condition can test, as the policy file names it. Request facts are the same for
 * every deployment; deployment facts (from {@link #PROVIDER} on) are judged per candidate. A fact
 * that is not known (no geo database, a config-file key without a customer) has the value
 * {@code unknown}, which a condition can name.
 */
public enum Fact {
    CLIENT_COUNTRY("client_country", Domain.COUNTRY, (f, c) -> f.clientCountry()),
    CUSTOMER_COUNTRY("customer_country", Domain.COUNTRY, (f, c) -> f.customerCountry()),
    CUSTOMER_KIND("customer_kind", Domain.CUSTOMER_KIND, (f, c) -> f.customerKind()),
    KYC("kyc", Domain.KYC, (f, c) -> f.kyc()),
    SCREENING("screening", Domain.SCREENING, (f, c) -> f.screening()),
    PRC_RESIDENT("prc_resident", Domain.BOOLEAN, (f, c) -> bool(f.prcResident())),
    FOREIGN("foreign", Domain.BOOLEAN, (f, c) -> bool(f.foreign())),
    ROUTE("route", Domain.ROUTE, (f, c) -> f.route()),
    CUSTOMER("customer", Domain.ANY, (f, c) -> f.customerId()),
    PROJECT("project", Domain.ANY, (f, c) -> f.projectId()),
    /** Which kinds of personal data the prompt holds; {@code any} and {@code sensitive} name groups. */
    PERSONAL_DATA("personal_data", Domain.PERSONAL_DATA, (f, c) -> {
        StringJoiner s = new StringJoiner(",");
        for (PiiKind k : f.personalDataKinds()) s.add(k.wire());
        return s.length() == 0 ? "none" : s.toString();
    }) {
        @Override
        boolean in(RequestFacts f, Candidate c, Set<String> values) {
            for (PiiKind k : f.personalDataKinds()) if (PiiKindsNamed.named(k, values)) return true;
            return false;
        }
    },
    PROVIDER("provider", Domain.PROVIDER, (f, c) -> c.deployment().provider().name()),
    PROVIDER_TYPE("provider_type", Domain.PROVIDER_TYPE, (f, c) -> c.deployment().provider().type()),
    REGION_PROFILE("region_profile", Domain.REGION_PROFILE, (f, c) -> c.region().profile()),
    PROCESSING_REGION("processing_region", Domain.COUNTRY, (f, c) -> c.region().processingRegion()),
    /** The provider serves both the customer's country and the client's country. */
    SERVES("serves", Domain.BOOLEAN,
            (f, c) -> bool(c.region().serves(f.customerCountry()) && c.region().serves(f.clientCountry()))),
    SERVES_CUSTOMER_COUNTRY("serves_customer_country", Domain.BOOLEAN, (f, c) -> bool(c.region().serves(f.customerCountry()))),
    SERVES_CLIENT_COUNTRY("serves_client_country", Domain.BOOLEAN, (f, c) -> bool(c.region().serves(f.clientCountry()))),
    /** The deployment processes in the customer's own country (unknown when either country is). */
    DOMESTIC("domestic", Domain.BOOLEAN, (f, c) -> {
        String home = f.customerCountry();
        String region = c.region().processingRegion();
        return home == null || region == null || Fact.UNKNOWN.equals(region) ? null : bool(home.equals(region));
    });

    /** What values a fact can take, so that a rule naming another is refused at load. */
    public enum Domain { COUNTRY, CUSTOMER_KIND, KYC, SCREENING, BOOLEAN, ROUTE, ANY, PERSONAL_DATA, PROVIDER, PROVIDER_TYPE, REGION_PROFILE }

    /** How a fact is read from a request and, for deployment facts, a candidate. */
    @FunctionalInterface
    interface Reader {
        String read(RequestFacts f, Candidate c);
    }

    public static final String UNKNOWN = "unknown";

    private final String wire;
    private final Domain domain;
    private final Reader reader;

    Fact(String wire, Domain domain, Reader reader) {
        this.wire = wire;
        this.domain = domain;
        this.reader = reader;
    }

    public String wire() { return wire; }
    public Domain domain() { return domain; }

    public boolean perDeployment() { return ordinal() >= PROVIDER.ordinal(); }

    /** The fact's value for this request (and candidate), or null when unknown. */
    String value(RequestFacts f, Candidate c) { return reader.read(f, c); }

    /** Whether the fact's value is one of {@code values} (which may name {@code unknown}). */
    boolean in(RequestFacts f, Candidate c, Set<String> values) {
        String v = value(f, c);
        return values.contains(v != null ? v : UNKNOWN);
    }

    private static String bool(Boolean b) { return b == null ? null : b ? "true" : "false"; }
}
