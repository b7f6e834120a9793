package dev.gatehouse.compliance.kyc;

import java.time.LocalDate;
import java.util.List;

/**
 * What a customer identification record holds beyond the customer's legal name, kind and country
 * (those stay on the customer). Lists are never null. {@code foreign}: not a US person;
 * {@code prcResident}: resident in the People's Republic of China (real-name rules apply).
 */
public record CipDetails(List<String> otherNames, List<Address> addresses, boolean foreign, boolean prcResident,
                         LocalDate dateOfBirth, List<IdentityEvidence> identityEvidence, List<BeneficialOwner> beneficialOwners,
                         List<PaymentMeans> paymentMeans, List<String> emails, List<String> phones) {
    public CipDetails {
        otherNames = copy(otherNames);
        addresses = copy(addresses);
        identityEvidence = copy(identityEvidence);
        beneficialOwners = copy(beneficialOwners);
        paymentMeans = copy(paymentMeans);
        emails = copy(emails);
        phones = copy(phones);
    }

    public static final CipDetails EMPTY = new CipDetails(null, null, false, false, null, null, null, null, null, null);

    private static <T> List<T> copy(List<T> in) { return in == null ? List.of() : List.copyOf(in); }

    /** A postal address; {@code country} ISO 3166-1 alpha-2. */
    public record Address(String line1, String line2, String city, String region, String postalCode, String country) {}

    /**
     * Identity evidence: a passport, national id, driving licence, or for an enterprise its
     * registration, e.g. type {@code unified_social_credit_code} with the 18-character code as number.
     */
    public record IdentityEvidence(String type, String number, String issuingCountry, LocalDate expiry) {}

    /** An owner of an enterprise; {@code share} in percent. Screened like the customer. */
    public record BeneficialOwner(String name, String country, double share, LocalDate dateOfBirth) {}

    /** How the customer pays: a type (card, bank_transfer, alipay, ...) and a reference that is never a full card number. */
    public record PaymentMeans(String type, String reference) {}
}
