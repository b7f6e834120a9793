package dev.gatehouse.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.compliance.kyc.CaseStatus;
import dev.gatehouse.compliance.kyc.CipDetails;
import dev.gatehouse.compliance.kyc.KycExport;
import dev.gatehouse.compliance.kyc.KycJson;
import dev.gatehouse.compliance.kyc.VerificationStatus;
import dev.gatehouse.server.Subsystems;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.stream.Collectors;

/**
 * Customer identification and screening, for the operator's compliance staff: CIP records,
 * verification decisions, screening runs and cases, list status and the examiner's export.
 * All operator-only: a customer never sees its own screening hits. Writes: owner, admin or compliance.
 */
final class KycHandler {
    private final Subsystems s;

    KycHandler(Subsystems s) { this.s = s; }

    void routes(Router.Builder b) {
        b.add(HttpMethod.GET, "/customers/{customer_id}/cip", Access.OPERATOR_READ, this::getCip);
        b.add(HttpMethod.PUT, "/customers/{customer_id}/cip", Access.COMPLIANCE_WRITE, this::putCip);
        b.add(HttpMethod.GET, "/customers/{customer_id}/verification", Access.OPERATOR_READ, this::getVerification);
        b.add(HttpMethod.POST, "/customers/{customer_id}/verification", Access.COMPLIANCE_WRITE, this::verify);
        b.add(HttpMethod.GET, "/customers/{customer_id}/screening", Access.OPERATOR_READ, this::getScreening);
        b.add(HttpMethod.POST, "/customers/{customer_id}/screening", Access.COMPLIANCE_WRITE, this::screenNow);
        b.add(HttpMethod.GET, "/customers/{customer_id}/kyc-export", Access.OPERATOR_READ, this::export);
        b.add(HttpMethod.GET, "/screening/cases", Access.OPERATOR_READ, this::cases);
        b.add(HttpMethod.POST, "/screening/cases/{case_id}/decision", Access.COMPLIANCE_WRITE, this::decide);
        b.add(HttpMethod.GET, "/screening/lists", Access.OPERATOR_READ, this::lists);
    }

    private Future<Reply> getCip(AdminRequest r) {
        return s.blocking().run(() -> s.screening().cip().current(r.customerId())).map(this::ok);
    }

    /** Stores the record as a new version, then screens the customer again (other names and owners may have changed). */
    private Future<Reply> putCip(AdminRequest r) {
        CipDetails details = parse(r);
        String by = r.principal().actor();
        return s.blocking().run(() -> {
            var record = s.screening().cip().put(r.customerId(), details, by);
            s.screening().screenCustomer(r.customerId(), "cip_changed", by);
            return record;
        }).map(this::ok);
    }

    private Future<Reply> getVerification(AdminRequest r) {
        return s.blocking().run(() -> {
            ObjectNode body = KycJson.MAPPER.createObjectNode();
            body.set("current", KycJson.MAPPER.valueToTree(s.screening().cip().verification(r.customerId())));
            body.set("history", KycJson.MAPPER.valueToTree(s.screening().cip().verifications(r.customerId())));
            return Reply.ok(body);
        });
    }

    private Future<Reply> verify(AdminRequest r) {
        Input in = r.input("status", "evidence", "reverify_on", "note");
        VerificationStatus status = VerificationStatus.parse(in.text("status"));
        String evidence = in.optText("evidence");
        LocalDate reverifyOn = date(in.optText("reverify_on"), "reverify_on");
        String note = in.optText("note");
        String by = r.principal().actor();
        return s.blocking().run(() -> s.screening().cip().verify(r.customerId(), status, by, evidence, reverifyOn, note)).map(this::ok);
    }

    private Future<Reply> getScreening(AdminRequest r) {
        return s.blocking().run(() -> {
            ObjectNode body = KycJson.MAPPER.createObjectNode();
            body.set("runs", KycJson.MAPPER.valueToTree(s.screening().runs(r.customerId())));
            body.set("cases", KycJson.MAPPER.valueToTree(s.screening().cases(r.customerId(), null)));
            return Reply.ok(body);
        });
    }

    private Future<Reply> screenNow(AdminRequest r) {
        return s.blocking().run(() -> s.screening().screenCustomer(r.customerId(), "on_demand", r.principal().actor())).map(this::ok);
    }

    private Future<Reply> export(AdminRequest r) {
        return s.blocking().run(() -> new KycExport(s.customers(), s.screening(), Clock.systemUTC()).export(r.customerId())).map(Reply::ok);
    }

    private Future<Reply> cases(AdminRequest r) {
        r.allowQuery("status", "customer_id");
        CaseStatus status = r.query("status") == null ? null : CaseStatus.parse("status", r.query("status"));
        String customer = r.query("customer_id");
        return s.blocking().run(() -> {
            ObjectNode body = KycJson.MAPPER.createObjectNode();
            body.set("data", KycJson.MAPPER.valueToTree(s.screening().cases(customer, status)));
            return Reply.ok(body);
        });
    }

    private Future<Reply> decide(AdminRequest r) {
        Input in = r.input("decision", "reason");
        CaseStatus decision = CaseStatus.parse("decision", in.text("decision"));
        String reason = in.text("reason");
        String by = r.principal().actor();
        return s.blocking().run(() -> s.screening().decide(r.path("case_id"), decision, by, reason)).map(this::ok);
    }

    private Future<Reply> lists(AdminRequest r) {
        return s.blocking().run(() -> {
            ObjectNode body = KycJson.MAPPER.createObjectNode();
            body.set("data", KycJson.MAPPER.valueToTree(s.screeningLists().status()));
            body.put("entries_loaded", s.screeningLists().screener().entryCount());
            return Reply.ok(body);
        });
    }

    private Reply ok(Object value) { return Reply.ok(KycJson.MAPPER.valueToTree(value)); }

    private static CipDetails parse(AdminRequest r) {
        if (r.body() == null || r.body().length() == 0) throw GatewayException.invalid("The request needs a JSON body: the CIP record.", null);
        try {
            CipDetails d = KycJson.MAPPER.readValue(r.body().getBytes(), CipDetails.class);
            if (d == null) throw GatewayException.invalid("The body must be a JSON object: the CIP record.", null);
            return d;
        } catch (JsonMappingException e) {
            String field = e.getPath().stream().map(p -> p.getFieldName() != null ? p.getFieldName() : "[" + p.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            throw GatewayException.invalid("Invalid CIP record at '" + field + "': " + e.getOriginalMessage(), field.isEmpty() ? null : field);
        } catch (JsonProcessingException e) {
            throw GatewayException.invalid("The body is not valid JSON: " + e.getOriginalMessage(), null);
        } catch (java.io.IOException e) {
            throw GatewayException.invalid("The body could not be read.", null);
        }
    }

    private static LocalDate date(String text, String field) {
        if (text == null) return null;
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw GatewayException.invalid(field + " must be a date such as 2028-01-31, not '" + text + "'.", field);
        }
    }
}
