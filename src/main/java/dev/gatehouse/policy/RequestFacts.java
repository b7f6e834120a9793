package dev.gatehouse.policy;

import dev.gatehouse.accounts.CustomerKind;
import dev.gatehouse.compliance.kyc.VerificationStatus;
import dev.gatehouse.policy.facts.CustomerFacts;
import dev.gatehouse.policy.facts.ScreeningState;
import dev.gatehouse.policy.pii.Finding;
import dev.gatehouse.policy.pii.PiiKind;

import java.net.InetAddress;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What a decision knows about one request. Customer facts come from memory; personal data is
 * scanned only when a rule asks for it, and then once.
 * <p>
 * A key from the config file belongs to the operator, not a customer: it is treated as a verified
 * enterprise in the gateway's home region ({@code policy.home_region}), so that the packs' KYC and
 * tier rules do not lock the operator out of its own gateway.
 */
public final class RequestFacts {
    private final CustomerFacts customer;
    private final boolean operator;
    private final String homeRegion;
    private final String keyId;
    private final String projectId;
    private final InetAddress clientIp;
    private final String clientCountry;
    private final String route;
    private final Supplier<List<Finding>> scanner;
    private List<Finding> findings;
    private Set<PiiKind> kinds;

    public RequestFacts(CustomerFacts customer, boolean operator, String homeRegion, String keyId, String projectId,
                        InetAddress clientIp, String clientCountry, String route, Supplier<List<Finding>> scanner) {
        this.customer = customer;
        this.operator = operator;
        this.homeRegion = homeRegion;
        this.keyId = keyId;
        this.projectId = projectId;
        this.clientIp = clientIp;
        this.clientCountry = clientCountry;
        this.route = route;
        this.scanner = scanner;
    }

    public CustomerFacts customer() { return customer; }
    public boolean operator() { return operator; }
    public String keyId() { return keyId; }
    public String projectId() { return projectId; }
    /** The client's address as text (made when asked: only audit entries and the explain endpoint need it). */
    public String clientIp() { return clientIp != null ? clientIp.getHostAddress() : null; }
    /** ISO alpha-2, or null when unknown (no geo database, a private address, not in the database). */
    public String clientCountry() { return clientCountry; }
    public String route() { return route; }

    public String customerId() { return customer != null ? customer.customerId() : null; }

    public String customerCountry() { return operator ? homeRegion : customer != null ? customer.country() : null; }

    public String customerKind() {
        return operator ? CustomerKind.ENTERPRISE.wire() : customer != null ? customer.kind().wire() : null;
    }

    public String kyc() {
        return operator ? VerificationStatus.VERIFIED.wire() : customer != null ? customer.kyc().wire() : null;
    }

    public String screening() {
        return operator ? ScreeningState.CLEAR.wire() : customer != null ? customer.screening().wire() : null;
    }

    public Boolean prcResident() {
        return operator ? (Boolean) "CN".equals(homeRegion) : customer != null ? (Boolean) customer.prcResident() : null;
    }

    public Boolean foreign() {
        return operator ? (Boolean) !"US".equals(homeRegion) && homeRegion != null : customer != null ? (Boolean) customer.foreign() : null;
    }

    /** The personal data in the prompt, scanned on first use. */
    public List<Finding> personalData() {
        if (findings == null) {
            findings = scanner != null ? scanner.get() : List.of();
            kinds = EnumSet.noneOf(PiiKind.class);
            for (Finding f : findings) kinds.add(f.kind());
        }
        return findings;
    }

    /** Whether the prompt was scanned (a rule asked), so its findings are known. */
    public boolean scanned() { return findings != null; }

    public Set<PiiKind> personalDataKinds() {
        personalData();
        return kinds;
    }
}
