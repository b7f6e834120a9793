package dev.gatehouse.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.accounts.AccountsException;
import dev.gatehouse.accounts.Customer;
import dev.gatehouse.compliance.kyc.CipDetails;
import dev.gatehouse.compliance.kyc.CipRecord;
import dev.gatehouse.compliance.kyc.KycExport;
import dev.gatehouse.compliance.kyc.KycJson;
import dev.gatehouse.compliance.kyc.ScreeningOutcome;
import dev.gatehouse.compliance.kyc.Verification;
import dev.gatehouse.compliance.kyc.VerificationStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code gatehouse kyc show|set|verify|export}: a customer's identification (CIP) record, its
 * verification lifecycle and the examiner's export, as the admin API's KYC endpoints offer them.
 * Changes are kept as history and leave a {@code kyc} audit entry naming {@code cli:USER}; a refused
 * change (unknown customer, invalid transition, malformed file) writes nothing.
 */
@Command(name = "kyc", mixinStandardHelpOptions = true, description = "Customer identification records, verification and the examiner's export.")
public final class KycCommand {
    @Spec
    CommandSpec spec;

    @Command(name = "show", mixinStandardHelpOptions = true, description = "The current CIP record version and verification state.")
    int show(@Mixin StoreOptions options, @Parameters(paramLabel = "ID", description = "The customer's id.") String id) {
        return StoreRun.run(spec, options, (store, out) -> {
            Customer c = customer(store, id);
            CipRecord record = store.screening().cip().current(id);
            Verification v = store.screening().cip().verification(id);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("customer", c.id());
            row.put("name", c.name());
            row.put("status", c.status().wire());
            row.put("cip_version", record.version());
            row.put("cip_changed_at", record.changedAt() == null ? null : record.changedAt().toString());
            row.put("verification", v.status().wire());
            row.put("verified_by", v.decidedBy());
            row.put("reverify_on", v.reverifyOn() == null ? null : v.reverifyOn().toString());
            row.put("open_cases", store.screening().cases(id, dev.gatehouse.compliance.kyc.CaseStatus.OPEN).size());
            out.record(row);
            return StoreRun.OK;
        });
    }

    @Command(name = "set", mixinStandardHelpOptions = true,
            description = "Store a CIP record (JSON, the admin API's PUT /customers/{id}/cip body) as the next version, then screen the customer.")
    int set(@Mixin StoreOptions options, @Parameters(paramLabel = "ID", description = "The customer's id.") String id,
            @Option(names = "--file", required = true, paramLabel = "FILE", description = "The record as a JSON file.") Path file) {
        return StoreRun.run(spec, options, (store, out) -> {
            CipDetails details = read(file);
            customer(store, id);
            CipRecord record;
            try {
                record = store.screening().cip().put(id, details, CliStore.actor());
            } catch (AccountsException.Invalid e) {
                throw new CliInputException("--file", "field " + e.field() + ": " + e.getMessage() + " (nothing stored)");
            }
            // other names and owners may have changed: screened at once, as through the admin API
            ScreeningOutcome screened = store.screening().screenCustomer(id, "cip_changed", CliStore.actor());
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("customer", id);
            row.put("cip_version", record.version());
            row.put("screening_band", screened.run().band().wire());
            row.put("new_cases", screened.opened().size());
            row.put("suspended", screened.suspended());
            out.record(row);
            return StoreRun.OK;
        });
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Move the verification on: unverified -> pending_review -> verified | rejected (a decided record may go back to review).")
    int verify(@Mixin StoreOptions options, @Parameters(paramLabel = "ID", description = "The customer's id.") String id,
               @Option(names = "--status", required = true, description = "pending_review, verified, rejected or unverified.") String status,
               @Option(names = "--evidence", description = "What the decision rests on (required to verify).") String evidence,
               @Option(names = "--reverify-on", paramLabel = "YYYY-MM-DD", description = "When to verify again (required to verify).") String reverifyOn,
               @Option(names = "--note", description = "A note kept with the step.") String note) {
        return StoreRun.run(spec, options, (store, out) -> {
            VerificationStatus s = VerificationStatus.parse(status);
            LocalDate date = date(reverifyOn);
            Verification v = store.screening().cip().verify(id, s, CliStore.actor(), evidence, date, note);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("customer", id);
            row.put("status", v.status().wire());
            row.put("decided_by", v.decidedBy());
            row.put("decided_at", v.decidedAt().toString());
            row.put("reverify_on", v.reverifyOn() == null ? null : v.reverifyOn().toString());
            out.record(row);
            return StoreRun.OK;
        });
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "A customer's CIP record, its history, verification, access addresses and screening history as one JSON document.")
    int export(@Mixin StoreOptions options, @Parameters(paramLabel = "ID", description = "The customer's id.") String id,
               @Option(names = "--out", paramLabel = "FILE", description = "Write to FILE instead of standard output (refuses to overwrite).") Path target) {
        return StoreRun.run(spec, options, (store, out) -> {
            ObjectNode doc = new KycExport(store.customers(), store.screening(), Clock.systemUTC()).export(id);
            String json;
            try {
                json = KycJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(doc);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a JSON tree always serialises", e);
            }
            if (target == null) {
                out.out().println(json);
                out.out().flush();
                return StoreRun.OK;
            }
            if (Files.exists(target)) throw new CliInputException("--out", target + " exists; choose another file");
            try {
                Files.writeString(target, json + "\n", StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new CliInputException("--out", "cannot write " + target + ": " + e.getMessage());
            }
            out.note("exported " + id + " to " + target);
            return StoreRun.OK;
        });
    }

    private static Customer customer(CliStore store, String id) {
        return store.customers().get(id).orElseThrow(() -> new AccountsException.NotFound("customer_id", "no customer " + id));
    }

    /** The record in {@code file}, or a refusal naming what is wrong with it (and where). */
    private static CipDetails read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (MalformedInputException e) {
            throw new CliInputException("--file", file + " is not UTF-8 text");
        } catch (IOException e) {
            throw new CliInputException("--file", "cannot read " + file + ": " + e.getMessage());
        }
        try {
            CipDetails d = KycJson.MAPPER.readValue(text, CipDetails.class);
            if (d == null) throw new CliInputException("--file", file + " holds no JSON object");
            return d;
        } catch (JsonMappingException e) {
            String field = e.getPath().stream().map(p -> p.getFieldName() != null ? p.getFieldName() : "[" + p.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
            throw new CliInputException("--file", file + where + ": " + (field.isEmpty() ? "" : "field " + field + ": ") + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " line " + e.getLocation().getLineNr();
            throw new CliInputException("--file", file + " is not valid JSON at" + where + ": " + e.getOriginalMessage());
        }
    }

    private static LocalDate date(String text) {
        if (text == null) return null;
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new CliInputException("--reverify-on", "a date as YYYY-MM-DD, not " + text);
        }
    }
}
