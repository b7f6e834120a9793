package dev.gatehouse.compliance.kyc;

import dev.gatehouse.accounts.AccountsException;

import java.util.List;
import java.util.regex.Pattern;

/** Rules of a CIP record, each failure naming its field (e.g. {@code payment_means[0].reference}). */
final class CipValidation {
    static final int MAX_ITEMS = 50;
    static final int TEXT_MAX = 300;
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9 ()\\-]{5,40}");

    private CipValidation() {}

    static void check(CipDetails d) {
        size("other_names", d.otherNames());
        for (int i = 0; i < d.otherNames().size(); i++) text("other_names[" + i + "]", d.otherNames().get(i), true);
        size("addresses", d.addresses());
        for (int i = 0; i < d.addresses().size(); i++) {
            CipDetails.Address a = d.addresses().get(i);
            String f = "addresses[" + i + "]";
            text(f + ".line1", a.line1(), true);
            text(f + ".line2", a.line2(), false);
            text(f + ".city", a.city(), false);
            text(f + ".region", a.region(), false);
            text(f + ".postal_code", a.postalCode(), false);
            country(f + ".country", a.country());
        }
        size("identity_evidence", d.identityEvidence());
        for (int i = 0; i < d.identityEvidence().size(); i++) {
            CipDetails.IdentityEvidence e = d.identityEvidence().get(i);
            String f = "identity_evidence[" + i + "]";
            text(f + ".type", e.type(), true);
            text(f + ".number", e.number(), true);
            country(f + ".issuing_country", e.issuingCountry());
        }
        size("beneficial_owners", d.beneficialOwners());
        for (int i = 0; i < d.beneficialOwners().size(); i++) {
            CipDetails.BeneficialOwner o = d.beneficialOwners().get(i);
            String f = "beneficial_owners[" + i + "]";
            text(f + ".name", o.name(), true);
            country(f + ".country", o.country());
            if (!(o.share() > 0 && o.share() <= 100)) throw new AccountsException.Invalid(f + ".share", f + ".share must be a percentage above 0 and at most 100");
        }
        size("payment_means", d.paymentMeans());
        for (int i = 0; i < d.paymentMeans().size(); i++) {
            CipDetails.PaymentMeans p = d.paymentMeans().get(i);
            String f = "payment_means[" + i + "]";
            text(f + ".type", p.type(), true);
            text(f + ".reference", p.reference(), true);
            if (looksLikeCardNumber(p.reference())) {
                throw new AccountsException.Invalid(f + ".reference", f + ".reference looks like a full card number; record only its last four digits or a token");
            }
        }
        size("emails", d.emails());
        for (int i = 0; i < d.emails().size(); i++) {
            if (d.emails().get(i) == null || !EMAIL.matcher(d.emails().get(i)).matches()) {
                throw new AccountsException.Invalid("emails[" + i + "]", "emails[" + i + "] is not an email address");
            }
        }
        size("phones", d.phones());
        for (int i = 0; i < d.phones().size(); i++) {
            if (d.phones().get(i) == null || !PHONE.matcher(d.phones().get(i)).matches()) {
                throw new AccountsException.Invalid("phones[" + i + "]", "phones[" + i + "] is not a phone number");
            }
        }
    }

    /** 13 to 19 digits (spaces and dashes ignored) that pass the Luhn check: a primary account number. */
    static boolean looksLikeCardNumber(String reference) {
        String digits = reference.replaceAll("[\\s-]", "");
        if (!digits.matches("[0-9]{13,19}")) return false;
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int n = digits.charAt(digits.length() - 1 - i) - '0';
            if (i % 2 == 1) {
                n *= 2;
                if (n > 9) n -= 9;
            }
            sum += n;
        }
        return sum % 10 == 0;
    }

    private static void size(String field, List<?> items) {
        if (items.size() > MAX_ITEMS) throw new AccountsException.Invalid(field, field + " holds more than " + MAX_ITEMS + " items");
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) == null) throw new AccountsException.Invalid(field + "[" + i + "]", field + "[" + i + "] is null");
        }
    }

    private static void text(String field, String value, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) throw new AccountsException.Invalid(field, field + " is required");
            return;
        }
        if (value.length() > TEXT_MAX) throw new AccountsException.Invalid(field, field + " is longer than " + TEXT_MAX + " characters");
    }

    private static void country(String field, String value) {
        if (value == null || !COUNTRY.matcher(value).matches()) {
            throw new AccountsException.Invalid(field, field + " must be an ISO 3166-1 alpha-2 code in capitals, such as CN or US");
        }
    }
}
