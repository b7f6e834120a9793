package dev.gatehouse.reports;

import dev.gatehouse.accounts.AccountChanges;
import dev.gatehouse.accounts.CustomerKind;
import dev.gatehouse.accounts.CustomerStatus;
import dev.gatehouse.accounts.CustomerStore;
import dev.gatehouse.accounts.NewCustomer;
import dev.gatehouse.audit.AuditCategory;
import dev.gatehouse.audit.AuditEntry;
import dev.gatehouse.audit.AuditKey;
import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.compliance.kyc.CipDetails;
import dev.gatehouse.compliance.kyc.CipStore;
import dev.gatehouse.compliance.kyc.VerificationStatus;
import dev.gatehouse.metering.LedgerLoader;
import dev.gatehouse.metering.UsageRecord;
import dev.gatehouse.policy.DecisionRecord;
import dev.gatehouse.store.Database;
import dev.gatehouse.store.Jdbc;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * One known world for the report tests (store, CLI and admin API alike): five customers with CIP
 * records, verifications, access addresses and screening cases; usage around the edges of 2026;
 * cross-border transfers in 2025 to 2027; policy denials around 2026, two of them purged.
 * Each test checks the reports against the numbers written here.
 */
public final class ReportWorld {
    /** A quote, a comma: the CSV must quote it. */
    public static final String HARBOUR_NAME = "Harbour \"Blue Sea\" Trading, Ltd.";
    public static final String HARBOUR_CHINESE = "海港贸易有限公司";
    /** A comma and a line break inside one address. */
    public static final String HARBOUR_ADDRESS = "88 Keyuan Road, Building 3, Floor 12\nRoom 1203, Shenzhen, Guangdong, 518057, CN";
    /** An other name of berlin's that a spreadsheet would run as a formula. */
    public static final String FORMULA = "=HYPERLINK(\"http://x.example\",\"pay\")";

    /** The customers' ids, as the store made them. */
    public record Ids(String harbour, String zhang, String acme, String volga, String berlin) {}

    private ReportWorld() {}

    public static Ids seed(Database db, Path dir) {
        Ids ids = customers(db);
        usage(db, ids);
        transfers(db, ids);
        denials(db, ids, dir);
        return ids;
    }

    static Clock at(String instant) { return Clock.fixed(Instant.parse(instant), ZoneOffset.UTC); }

    private static Ids customers(Database db) {
        String harbour = create(db, "2025-06-01T00:00:00Z", HARBOUR_NAME, CustomerKind.ENTERPRISE, "CN", "ops@harbour.example");
        String zhang = create(db, "2025-07-01T00:00:00Z", "Zhang Wei", CustomerKind.INDIVIDUAL, "US", null);
        String acme = create(db, "2025-08-01T00:00:00Z", "Acme Analytics Inc", CustomerKind.ENTERPRISE, "US", null);
        String volga = create(db, "2025-02-01T00:00:00Z", "Volga Systems", CustomerKind.ENTERPRISE, "RU", null);
        String berlin = create(db, "2026-03-01T00:00:00Z", "Berliner Daten GmbH", CustomerKind.ENTERPRISE, "DE", null);
        new CustomerStore(db, AccountChanges.NONE, at("2025-09-01T00:00:00Z")).changeStatus(volga, CustomerStatus.CLOSED);

        new CipStore(db, at("2025-06-02T00:00:00Z"), dev.gatehouse.audit.TestAudit.log(db)).put(harbour, new CipDetails(List.of(HARBOUR_CHINESE),
                List.of(new CipDetails.Address("88 Keyuan Road, Building 3", "Floor 12\nRoom 1203", "Shenzhen", "Guangdong", "518057", "CN")),
                true, true, null,
                List.of(new CipDetails.IdentityEvidence("unified_social_credit_code", "91440300MA5FXXXX1A", "CN", null),
                        new CipDetails.IdentityEvidence("passport", "E12345678", "CN", LocalDate.parse("2030-01-31"))),
                List.of(new CipDetails.BeneficialOwner("华为技术有限公司", "CN", 51, null)),
                List.of(new CipDetails.PaymentMeans("card", "visa ending 1111"), new CipDetails.PaymentMeans("alipay", "account ending 1234")),
                List.of("kyc@harbour.example"), List.of("+86 755 1234 5678")), "usr_kyc");
        new CipStore(db, at("2025-06-02T00:00:00Z"), dev.gatehouse.audit.TestAudit.log(db)).verify(harbour, VerificationStatus.PENDING_REVIEW, "usr_kyc", "licence received", null, null);
        new CipStore(db, at("2025-06-03T00:00:00Z"), dev.gatehouse.audit.TestAudit.log(db)).verify(harbour, VerificationStatus.VERIFIED, "usr_chief", "licence checked",
                LocalDate.parse("2027-06-03"), null);
        new CipStore(db, at("2026-02-01T00:00:00Z"), dev.gatehouse.audit.TestAudit.log(db)).recordAccess(harbour, "203.0.113.5", "api");
        new CipStore(db, at("2026-03-01T00:00:00Z"), dev.gatehouse.audit.TestAudit.log(db)).recordAccess(harbour, "198.51.100.7", "admin");
        new CipStore(db, at("2026-02-15T00:00:00Z"), dev.gatehouse.audit.TestAudit.log(db)).recordAccess(harbour, "198.51.100.7", "api");

        new CipStore(db, at("2025-08-02T00:00:00Z"), dev.gatehouse.audit.TestAudit.log(db)).put(acme, cip(false, List.of()), "usr_kyc");
        new CipStore(db, at("2025-02-02T00:00:00Z"), dev.gatehouse.audit.TestAudit.log(db)).put(volga, cip(true, List.of()), "usr_kyc");
        new CipStore(db, at("2026-03-02T00:00:00Z"), dev.gatehouse.audit.TestAudit.log(db)).put(berlin, cip(true, List.of(FORMULA)), "usr_kyc");

        screening(db, harbour, "2026-01-10T00:00:00Z", new String[] {"open", "false"});
        screening(db, volga, "2025-03-01T00:00:00Z", new String[] {"true_match", "true"});
        screening(db, berlin, "2026-03-03T00:00:00Z", new String[] {"open", "true"}, new String[] {"false_positive", "false"});
        screening(db, acme, "2025-08-03T00:00:00Z");
        return new Ids(harbour, zhang, acme, volga, berlin);
    }

    private static CipDetails cip(boolean foreign, List<String> otherNames) {
        return new CipDetails(otherNames, null, foreign, false, null, null, null, null, null, null);
    }

    private static String create(Database db, String when, String name, CustomerKind kind, String country, String email) {
        return new CustomerStore(db, AccountChanges.NONE, at(when)).create(new NewCustomer(name, kind, country, email, null, null)).id();
    }

    /** A screening run at {@code when}, opening one case per {status, suspended} pair. */
    private static void screening(Database db, String customer, String when, String[]... cases) {
        db.withConnection(c -> {
            String run = "scr_" + customer;
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO screening_runs (id, customer_id, cause, band, hit_count, screened_at) VALUES (?, ?, 'created', 'review', ?, ?)")) {
                ps.setString(1, run);
                ps.setString(2, customer);
                ps.setInt(3, cases.length);
                Jdbc.time(ps, 4, Instant.parse(when));
                ps.executeUpdate();
            }
            int n = 0;
            for (String[] k : cases) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO screening_cases (id, customer_id, run_id, list_name, entry_id,"
                        + " entry_hash, entry_name, matched_name, subject_name, score, band, explanation, suspended, status, opened_at)"
                        + " VALUES (?, ?, ?, 'CSL', ?, ?, 'Listed Co', 'Listed Co', 'x', 0.9, 'review', '[]', ?, ?, ?)")) {
                    ps.setString(1, "case_" + customer + "_" + n);
                    ps.setString(2, customer);
                    ps.setString(3, run);
                    ps.setString(4, "entry" + n++);
                    ps.setString(5, "0".repeat(64));
                    ps.setBoolean(6, Boolean.parseBoolean(k[1]));
                    ps.setString(7, k[0]);
                    Jdbc.time(ps, 8, Instant.parse(when));
                    ps.executeUpdate();
                }
            }
            return null;
        });
    }

    /** 2026: harbour 3 requests, 75M in + 25M out = 100M tokens, $450; zhang 200M tokens; acme $20,000; berlin 1,000 tokens; config keys 150M. */
    private static void usage(Database db, Ids ids) {
        LedgerLoader.insert(db, List.of(
                usage("h0", "2025-12-31T23:59:59.999Z", ids.harbour(), "gpt-4o", "openai", "gpt-4o-2024-08-06", 200, 9_000_000, 0, 1L),
                usage("h1", "2026-01-01T00:00:00Z", ids.harbour(), "gpt-4o", "openai", "gpt-4o-2024-08-06", 200, 60_000_000, 20_000_000, 300_000_000_000L),
                usage("h2", "2026-06-01T08:00:00Z", ids.harbour(), "gpt-4o", "openai", null, 502, 0, 0, 0),
                usage("h3", "2026-12-31T23:59:59.999Z", ids.harbour(), "claude-sonnet", "anthropic", "claude-sonnet-4", 200, 15_000_000, 5_000_000, 150_000_000_000L),
                usage("h4", "2027-01-01T00:00:00Z", ids.harbour(), "gpt-4o", "openai", "gpt-4o-2024-08-06", 200, 900_000_000, 0, 1L),
                usage("z1", "2026-05-01T00:00:00Z", ids.zhang(), "gpt-4o", "openai", "gpt-4o-2024-08-06", 200, 150_000_000, 50_000_000, 1_000_000_000L),
                usage("a1", "2026-05-02T00:00:00Z", ids.acme(), "gpt-4o", "openai", "gpt-4o-2024-08-06", 200, 1_000, 1_000, 20_000_000_000_000L),
                usage("b1", "2026-04-01T00:00:00Z", ids.berlin(), "deepseek-chat", "deepseek", "deepseek-chat", 200, 600, 400, 10_000_000L),
                usage("k1", "2026-07-01T00:00:00Z", null, "gpt-4o", "openai", "gpt-4o-2024-08-06", 200, 100_000_000, 50_000_000, 5_000_000_000L)));
    }

    private static UsageRecord usage(String id, String time, String customer, String route, String provider, String upstream, int status,
                                     long in, long out, long usdNanos) {
        return new UsageRecord(Instant.parse(time), id, customer, null, customer == null ? null : "key_" + customer, route,
                status >= 400 ? null : provider, upstream, null, status, status >= 400 ? "upstream_error" : null, in, out, 0, true,
                usdNanos, usdNanos * 7, usdNanos > 0 ? "prc_x" : null, 100, null);
    }

    /**
     * 2026: openai id_number (sensitive) s1 twice and s2; openai email s3; anthropic id_number s1; anthropic mobile s4, s5:
     * 5 subjects, 2 sensitive, 7 records. 2025: openai email s9. 2027: openai email s1.
     */
    private static void transfers(Database db, Ids ids) {
        List<Object[]> rows = new ArrayList<>(List.of(
                new Object[] {2025, "openai", "email", false, "s9"},
                new Object[] {2026, "openai", "id_number", true, "s1"},
                new Object[] {2026, "openai", "id_number", true, "s1"},
                new Object[] {2026, "openai", "id_number", true, "s2"},
                new Object[] {2026, "openai", "email", false, "s3"},
                new Object[] {2026, "anthropic", "id_number", true, "s1"},
                new Object[] {2026, "anthropic", "mobile", false, "s4"},
                new Object[] {2026, "anthropic", "mobile", false, "s5"},
                new Object[] {2027, "openai", "email", false, "s1"}));
        insertTransfers(db, ids.harbour(), rows);
    }

    /** Rows of {year, provider, kind, sensitive, subject}; the subject is zero-padded on the left to a 64-character hash. */
    static void insertTransfers(Database db, String customer, List<Object[]> rows) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO pi_transfers (id, sent_at, transfer_year, request_id, customer_id,"
                    + " provider, processing_region, kind, sensitive, subject_hash) VALUES (?, ?, ?, ?, ?, ?, 'US', ?, ?, ?)")) {
                int n = 0;
                for (Object[] r : rows) {
                    int year = (Integer) r[0];
                    ps.setString(1, "pit_" + year + "_" + n);
                    Jdbc.time(ps, 2, Instant.parse(year + "-06-01T00:00:00Z").plusSeconds(n));
                    ps.setInt(3, year);
                    ps.setString(4, "req_" + n++);
                    ps.setString(5, customer);
                    ps.setString(6, (String) r[1]);
                    ps.setString(7, (String) r[2]);
                    ps.setBoolean(8, (Boolean) r[3]);
                    String subject = (String) r[4];
                    ps.setString(9, "0".repeat(64 - subject.length()) + subject);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    /**
     * Denials: 2025-12-31T23:59:59Z and 2026-01-01T00:00:00Z (both purged); harbour CN from IR on 2026-02-01 and 02-15
     * (embargo); berlin DE from DE on 2026-03-01 (provider_region); one unreadable on 2026-06-01; a config key from KP on
     * 2026-12-31T23:59:59.999Z (embargo); 2027-01-01T00:00:00Z (embargo, out of 2026). An admin entry in between.
     */
    private static void denials(Database db, Ids ids, Path dir) {
        AuditKey key = AuditKey.loadOrCreate(dir.resolve("reports-audit.key"));
        deny(db, key, "2025-12-31T23:59:59Z", embargo("req_p1", ids.harbour(), "CN", "IR"));
        deny(db, key, "2026-01-01T00:00:00Z", embargo("req_p2", ids.harbour(), "CN", "IR"));
        new AuditLog(db, key, 1000, at("2026-01-01T12:00:00Z")).purge(AuditCategory.POLICY_DENIAL, Instant.parse("2026-01-01T06:00:00Z"), "retention");
        deny(db, key, "2026-02-01T00:00:00Z", embargo("req_d2", ids.harbour(), "CN", "IR"));
        new AuditLog(db, key, 1000, at("2026-02-10T00:00:00Z")).append(AuditEntry.of(AuditCategory.ADMIN, "usr_x", "GET", "x"));
        deny(db, key, "2026-02-15T00:00:00Z", embargo("req_d3", ids.harbour(), "CN", "IR"));
        deny(db, key, "2026-03-01T00:00:00Z", new DecisionRecord("req_d4", "policy.provider_region", "provider_region", "gpt-4o", "key_b",
                ids.berlin(), "DE", "192.0.2.4", "DE", List.of(), List.of(), "No deployment of gpt-4o serves DE", null, 403, null, null).toJson());
        deny(db, key, "2026-06-01T00:00:00Z", "{not a decision");
        deny(db, key, "2026-12-31T23:59:59.999Z", embargo("req_d5", null, null, "KP"));
        deny(db, key, "2027-01-01T00:00:00Z", embargo("req_d6", ids.harbour(), "CN", "IR"));
    }

    /** The policy-denials report of 2026 as CSV, the same from the CLI and the admin API. */
    public static String policyDenials2026Csv(Ids ids) {
        return "entry_state,code,rule,customer_id,customer_name,customer_country,client_country,denials,first_at,last_at\r\n"
                + "recorded,policy.embargo,embargo," + ids.harbour() + ",\"Harbour \"\"Blue Sea\"\" Trading, Ltd.\",CN,IR,2,"
                + "2026-02-01T00:00:00Z,2026-02-15T00:00:00Z\r\n"
                + "recorded,policy.embargo,embargo,,,,KP,1,2026-12-31T23:59:59.999Z,2026-12-31T23:59:59.999Z\r\n"
                + "recorded,policy.provider_region,provider_region," + ids.berlin() + ",Berliner Daten GmbH,DE,DE,1,"
                + "2026-03-01T00:00:00Z,2026-03-01T00:00:00Z\r\n"
                + "purged,,,,,,,1,2026-01-01T00:00:00Z,2026-01-01T00:00:00Z\r\n"
                + "unreadable,,,,,,,1,2026-06-01T00:00:00Z,2026-06-01T00:00:00Z\r\n";
    }

    private static String embargo(String request, String customer, String customerCountry, String clientCountry) {
        return new DecisionRecord(request, "policy.embargo", "embargo", "gpt-4o", "key_a", customer, customerCountry, "203.0.113.9",
                clientCountry, List.of(), List.of(), "Requests from " + clientCountry + " are not served, \"embargo\"", null, 403, null, null).toJson();
    }

    private static void deny(Database db, AuditKey key, String when, String json) {
        new AuditLog(db, key, 1000, at(when)).append(new AuditEntry(AuditCategory.POLICY_DENIAL, "gateway", "policy.embargo", "req", null, json));
    }
}
