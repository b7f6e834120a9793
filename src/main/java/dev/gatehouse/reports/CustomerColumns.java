package dev.gatehouse.reports;

import dev.gatehouse.accounts.Customer;
import dev.gatehouse.compliance.kyc.CipDetails;
import dev.gatehouse.compliance.kyc.Verification;
import dev.gatehouse.reports.KycSnapshot.CustomerKyc;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The customer columns the customer identification and the foreign large-scale use reports share:
 * who the customer is (its CIP record), where its verification stands, where its screening stands.
 * Lists hold one item per entry of the record; the four identity-evidence columns are parallel
 * lists (item n of each describes the same piece of evidence).
 */
final class CustomerColumns {
    private CustomerColumns() {}

    static final List<Column> IDENTITY = List.of(
            new Column("customer_id", "The gateway's id of the customer"),
            new Column("legal_name", "The customer's legal name"),
            new Column("kind", "individual or enterprise"),
            new Column("account_status", "pending, active, suspended or closed"),
            new Column("country", "The customer's country, ISO 3166-1 alpha-2"),
            new Column("customer_since", "When the account was opened (UTC)"),
            new Column("closed_at", "When the account was closed (UTC); empty while open"),
            new Column("other_names", "Other names, including names in Chinese characters (CIP)"),
            new Column("addresses", "Addresses as line 1, line 2, city, region, postal code, country (CIP)"),
            new Column("foreign", "Not a US person (CIP); empty without a CIP record"),
            new Column("prc_resident", "Resident in the People's Republic of China (CIP); empty without a CIP record"),
            new Column("date_of_birth", "Date of birth of an individual (CIP)"),
            new Column("identity_evidence_type", "Type of each piece of identity evidence: passport, national_id, unified_social_credit_code, ..."),
            new Column("identity_evidence_number", "Its number"),
            new Column("identity_evidence_issuing_country", "Its issuing country"),
            new Column("identity_evidence_expiry", "Its expiry date; empty when it has none"),
            new Column("beneficial_owners", "Owners of an enterprise as name (country, share %)"),
            new Column("payment_means", "Means and source of payment as type: reference (never a full card number)"),
            new Column("emails", "The account's email, then the CIP record's"),
            new Column("phones", "The account's phone, then the CIP record's"),
            new Column("access_ip_count", "Distinct IP addresses the customer's keys and users came from"),
            new Column("last_access_ip", "The address seen last"),
            new Column("last_access_at", "When it was seen last (UTC)"),
            new Column("cip_version", "Version of the CIP record shown; 0 when none was recorded"),
            new Column("cip_changed_at", "When that version was recorded (UTC)"));

    static final List<Column> VERIFICATION = List.of(
            new Column("verification_status", "unverified, pending_review, verified or rejected (the latest step)"),
            new Column("verification_decided_by", "Who decided the latest step"),
            new Column("verification_decided_at", "When (UTC)"),
            new Column("reverify_on", "When the customer is due to be verified again"));

    static final List<Column> SCREENING = List.of(
            new Column("screening_state", "true_match (decided), hit (open block-band case, suspended pending review),"
                    + " review (open review-band case), clear, or not_screened"),
            new Column("open_screening_cases", "Screening cases awaiting a decision"),
            new Column("last_screened_at", "When the customer was last screened (UTC)"));

    /** The columns of several groups, in order. */
    @SafeVarargs
    static List<Column> concat(List<Column>... groups) {
        List<Column> all = new ArrayList<>();
        for (List<Column> g : groups) all.addAll(g);
        return List.copyOf(all);
    }

    static void identity(ReportTable.Row row, CustomerKyc k) {
        Customer c = k.customer();
        CipDetails d = k.details();
        boolean recorded = k.cip() != null;
        row.set("customer_id", c.id()).set("legal_name", c.name()).set("kind", c.kind().wire())
                .set("account_status", c.status().wire()).set("country", c.country())
                .set("customer_since", c.createdAt()).set("closed_at", c.closedAt())
                .set("other_names", d.otherNames())
                .set("addresses", map(d.addresses(), CustomerColumns::address))
                .set("foreign", recorded ? d.foreign() : null)
                .set("prc_resident", recorded ? d.prcResident() : null)
                .set("date_of_birth", d.dateOfBirth())
                .set("identity_evidence_type", map(d.identityEvidence(), CipDetails.IdentityEvidence::type))
                .set("identity_evidence_number", map(d.identityEvidence(), CipDetails.IdentityEvidence::number))
                .set("identity_evidence_issuing_country", map(d.identityEvidence(), CipDetails.IdentityEvidence::issuingCountry))
                .set("identity_evidence_expiry", map(d.identityEvidence(), e -> e.expiry() == null ? null : e.expiry().toString()))
                .set("beneficial_owners", map(d.beneficialOwners(), CustomerColumns::owner))
                .set("payment_means", map(d.paymentMeans(), p -> p.type() + ": " + p.reference()))
                .set("emails", distinct(c.email(), d.emails()))
                .set("phones", distinct(c.phone(), d.phones()))
                .set("access_ip_count", k.access().addresses())
                .set("last_access_ip", k.access().lastIp())
                .set("last_access_at", k.access().lastSeen())
                .set("cip_version", recorded ? k.cip().version() : 0)
                .set("cip_changed_at", recorded ? k.cip().changedAt() : null);
    }

    static void verification(ReportTable.Row row, CustomerKyc k) {
        Verification v = k.verification();
        row.set("verification_status", v == null ? "unverified" : v.status().wire())
                .set("verification_decided_by", v == null ? null : v.decidedBy())
                .set("verification_decided_at", v == null ? null : v.decidedAt())
                .set("reverify_on", v == null ? null : v.reverifyOn());
    }

    static void screening(ReportTable.Row row, CustomerKyc k) {
        row.set("screening_state", k.screening().state().wire())
                .set("open_screening_cases", k.screening().openCases())
                .set("last_screened_at", k.screening().lastScreenedAt());
    }

    static String address(CipDetails.Address a) {
        return String.join(", ", Stream.of(a.line1(), a.line2(), a.city(), a.region(), a.postalCode(), a.country())
                .filter(s -> s != null && !s.isBlank()).toList());
    }

    /** {@code 华为技术有限公司 (CN, 51%)}. */
    static String owner(CipDetails.BeneficialOwner o) {
        String share = BigDecimal.valueOf(o.share()).stripTrailingZeros().toPlainString();
        return o.name() + " (" + (o.country() == null ? "?" : o.country()) + ", " + share + "%)";
    }

    private static <T> List<String> map(List<T> items, Function<T, String> f) {
        List<String> out = new ArrayList<>(items.size());
        for (T t : items) out.add(f.apply(t));
        return out;
    }

    private static List<String> distinct(String first, List<String> more) {
        Set<String> out = new LinkedHashSet<>();
        if (first != null) out.add(first);
        more.stream().filter(Objects::nonNull).forEach(out::add);
        return List.copyOf(out);
    }
}
