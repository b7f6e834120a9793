package dev.gatehouse.compliance.kyc;

import dev.gatehouse.store.Jdbc;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.accounts.AccountsException;
import dev.gatehouse.accounts.Customer;
import dev.gatehouse.accounts.CustomerStore;

import java.time.Clock;

/**
 * A customer's CIP record and screening history as one JSON document for an examiner: the
 * customer, the current record and every earlier version, the verification history, access IPs,
 * every screening run with its hits, and every case with its decisions. Blocking.
 */
public final class KycExport {
    private final CustomerStore customers;
    private final CustomerScreening screening;
    private final Clock clock;

    public KycExport(CustomerStore customers, CustomerScreening screening, Clock clock) {
        this.customers = customers;
        this.screening = screening;
        this.clock = clock;
    }

    public ObjectNode export(String customerId) {
        Customer c = customers.get(customerId).orElseThrow(() -> new AccountsException.NotFound("customer_id", "no customer " + customerId));
        CipStore cip = screening.cip();
        ObjectNode out = KycJson.MAPPER.createObjectNode();
        out.put("exported_at", Jdbc.now(clock).toString());
        ObjectNode customer = out.putObject("customer");
        customer.put("id", c.id());
        customer.put("name", c.name());
        customer.put("kind", c.kind().wire());
        customer.put("country", c.country());
        customer.put("status", c.status().wire());
        customer.put("created_at", c.createdAt().toString());
        if (c.closedAt() == null) customer.putNull("closed_at");
        else customer.put("closed_at", c.closedAt().toString());
        out.set("cip_record", KycJson.MAPPER.valueToTree(cip.current(customerId)));
        out.set("cip_history", KycJson.MAPPER.valueToTree(cip.history(customerId)));
        out.set("verification", KycJson.MAPPER.valueToTree(cip.verification(customerId)));
        out.set("verification_history", KycJson.MAPPER.valueToTree(cip.verifications(customerId)));
        out.set("access_ips", KycJson.MAPPER.valueToTree(cip.accessIps(customerId)));
        out.set("screening_runs", KycJson.MAPPER.valueToTree(screening.runs(customerId)));
        out.set("screening_cases", KycJson.MAPPER.valueToTree(screening.cases(customerId, null)));
        return out;
    }
}
