package dev.gatehouse.compliance.kyc;

import dev.gatehouse.crypto.Sha256;
import dev.gatehouse.store.Jdbc;
import dev.gatehouse.accounts.AccountsException;
import dev.gatehouse.accounts.Customer;
import dev.gatehouse.accounts.CustomerKind;
import dev.gatehouse.accounts.CustomerStatus;
import dev.gatehouse.accounts.CustomerStore;
import dev.gatehouse.accounts.CustomerUpdate;
import dev.gatehouse.accounts.NewCustomer;
import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.compliance.screening.Band;
import dev.gatehouse.compliance.screening.Hit;
import dev.gatehouse.compliance.screening.ListEntry;
import dev.gatehouse.compliance.screening.Screener;
import dev.gatehouse.compliance.screening.ScreeningLists;
import dev.gatehouse.compliance.screening.Subject;
import dev.gatehouse.compliance.screening.SubjectKind;
import dev.gatehouse.store.Database;
import dev.gatehouse.store.Ids;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Screens customers against the restricted-party lists and keeps the review cases. A hit in the
 * block band suspends the customer at once ({@link CustomerStore#changeStatus}, so its keys get 403
 * {@code account_suspended}) and opens a case; a review-band hit only opens a case. A false positive
 * stays cleared for that list entry until the entry's names change; a true match keeps the customer
 * suspended. Blocking (JDBC and scoring): call off the event loop. Screenings of one gateway run one
 * at a time, so a list change and an onboarding never open the same case twice.
 * <p>
 * Every decision leaves a {@code screening} audit entry naming its actor (a principal, {@code cli:USER}
 * or {@code system:JOB}), committed with the decision: each screening of one customer (a rescreen of
 * all records only the customers it found hits for, plus one summary), each case decision, each list
 * import that changed a list.
 */
public final class CustomerScreening {
    private static final Logger log = LoggerFactory.getLogger(CustomerScreening.class);

    private final Database db;
    private final CustomerStore customers;
    private final ScreeningLists lists;
    private final Clock clock;
    private final CipStore cip;
    private final AuditLog audit;

    public CustomerScreening(Database db, CustomerStore customers, ScreeningLists lists, AuditLog audit, Clock clock) {
        this.db = db;
        this.customers = customers;
        this.lists = lists;
        this.clock = clock;
        this.audit = audit;
        this.cip = new CipStore(db, clock, audit);
    }

    public CustomerScreening(Database db, CustomerStore customers, ScreeningLists lists, AuditLog audit) {
        this(db, customers, lists, audit, Clock.systemUTC());
    }

    /**
     * After each import through this instance that changed a list: records the import and rescreens
     * every customer, both as {@code actor}. (A gateway that only reloads lists another process
     * imported does not rescreen: the importer did.)
     */
    public CustomerScreening rescreenOnListChange(String actor) {
        lists.onChange(report -> {
            audit.append(KycTrail.listImported(actor, report));
            int n = rescreenAll("list_change:" + report.list(), actor).size();
            log.info("list {} changed: rescreened {} customers", report.list(), n);
        });
        return this;
    }

    /**
     * Creates a customer and, when lists are loaded, screens it before returning, so a listed name is
     * suspended before anyone sees it active. Returns the customer as it stands after screening.
     */
    public Customer onboard(NewCustomer in, String actor) {
        String id = customers.create(in).id();
        return screenedIfListed(id, "created", actor);
    }

    /** Changes a customer's details; a change of name, kind or country is screened at once (when lists are loaded). */
    public Customer update(String customerId, CustomerUpdate in, String actor) {
        Customer c = customers.update(customerId, in);
        boolean screen = in.name() != null || in.kind() != null || in.country() != null;
        return screen ? screenedIfListed(c.id(), "updated", actor) : c;
    }

    private Customer screenedIfListed(String id, String cause, String actor) {
        if (!lists.isEmpty()) screenCustomer(id, cause, actor);
        return customers.get(id).orElseThrow(() -> notFound(id));
    }

    /**
     * Screens the customer's names (legal, other, beneficial owners'), records the run, opens cases,
     * suspends on a block hit; one audit entry by {@code actor}.
     */
    public ScreeningOutcome screenCustomer(String customerId, String cause, String actor) {
        return screen(customerId, cause, actor, false);
    }

    /** {@code quietIfClear}: a run without hits leaves no entry of its own (a rescreen of all sums them up in one). */
    private synchronized ScreeningOutcome screen(String customerId, String cause, String actor, boolean quietIfClear) {
        Customer customer = customers.get(customerId).orElseThrow(() -> notFound(customerId));
        Screener screener = lists.screener();
        Map<String, Hit> best = new LinkedHashMap<>();
        for (Subject s : subjects(customer)) {
            for (Hit h : screener.screen(s).hits()) {
                best.merge(h.list() + "\u0000" + h.entryId(), h, (a, b) -> a.score() >= b.score() ? a : b);
            }
        }
        List<Hit> hits = best.values().stream().sorted(Comparator.comparingDouble(Hit::score).reversed()).toList();
        var now = Jdbc.now(clock);
        ScreeningRun run = new ScreeningRun(Ids.next("scr"), customerId, cause, hits.isEmpty() ? Band.NONE : hits.getFirst().band(),
                hits.stream().map(RunHit::of).toList(), now);
        List<ScreeningCase> opened = new ArrayList<>();
        boolean suspendable = customer.status() != CustomerStatus.SUSPENDED && customer.status() != CustomerStatus.CLOSED;
        boolean mustSuspend = audit.inTransaction((c, entries) -> {
            CaseStore.insertRun(c, run);
            boolean suspend = false;
            for (Hit h : hits) {
                String hash = entryHash(screener, h);
                Optional<ScreeningCase> last = CaseStore.latest(c, customerId, h.list(), h.entryId());
                CaseStatus lastStatus = last.map(ScreeningCase::status).orElse(null);
                if (lastStatus == CaseStatus.TRUE_MATCH) {
                    suspend = true;
                    continue;
                }
                if (lastStatus == CaseStatus.OPEN) {
                    suspend |= h.band() == Band.BLOCK || last.get().suspends();
                    continue;
                }
                if (lastStatus == CaseStatus.FALSE_POSITIVE && last.get().entryHash().equals(hash)) continue;
                boolean blocks = h.band() == Band.BLOCK;
                ScreeningCase k = new ScreeningCase(Ids.next("case"), customerId, run.id(), RunHit.of(h), hash, blocks,
                        CaseStatus.OPEN, now, List.of());
                CaseStore.insertCase(c, k);
                opened.add(k);
                suspend |= blocks;
            }
            if (!(quietIfClear && hits.isEmpty())) entries.add(KycTrail.screened(actor, run, opened, suspend && suspendable));
            return suspend;
        });
        boolean suspended = false;
        if (mustSuspend && suspendable) {
            customers.changeStatus(customerId, CustomerStatus.SUSPENDED);
            suspended = true;
            log.warn("customer {} suspended pending compliance review: {} hit on {} {}", customerId, hits.getFirst().band().wire(),
                    hits.getFirst().list(), hits.getFirst().entryId());
        }
        return new ScreeningOutcome(run, opened, suspended);
    }

    /** Screens every customer that is not closed, oldest first; the audit trail gets the runs with hits and one summary. */
    public List<ScreeningOutcome> rescreenAll(String cause, String actor) {
        List<ScreeningOutcome> out = new ArrayList<>();
        for (String id : db.withConnection(CaseStore::openCustomerIds)) out.add(screen(id, cause, actor, true));
        audit.append(KycTrail.rescreened(actor, cause, out));
        return out;
    }

    /** Cases, newest first; either filter may be null. */
    public List<ScreeningCase> cases(String customerId, CaseStatus status) {
        return db.withConnection(c -> CaseStore.list(c, customerId, status));
    }

    public Optional<ScreeningCase> screeningCase(String caseId) {
        return db.withConnection(c -> CaseStore.get(c, caseId));
    }

    /** A customer's screening runs with every hit, newest first. */
    public List<ScreeningRun> runs(String customerId) {
        return db.withConnection(c -> CaseStore.runs(c, customerId));
    }

    /**
     * Records a decision (kept as history) with its audit entry by {@code decidedBy}. {@code true_match}
     * suspends the customer (if it is not already); {@code false_positive} clears the hit, and
     * reactivates a customer this screening suspended once no open block-band case or true match
     * holds it any more.
     */
    public synchronized ScreeningCase decide(String caseId, CaseStatus decision, String decidedBy, String reason) {
        if (decision == CaseStatus.OPEN) throw new AccountsException.Invalid("decision", "a decision is true_match or false_positive");
        if (reason == null || reason.isBlank()) throw new AccountsException.Invalid("reason", "a decision needs a reason");
        if (reason.length() > 4000) throw new AccountsException.Invalid("reason", "reason is longer than 4000 characters");
        CaseDecision d = new CaseDecision(Ids.next("dec"), caseId, decision, decidedBy, Jdbc.now(clock), reason.strip());
        ScreeningCase found = screeningCase(caseId).orElseThrow(() -> new AccountsException.NotFound("case_id", "no screening case " + caseId));
        Customer customer = customers.get(found.customerId()).orElseThrow(() -> notFound(found.customerId()));
        record Result(ScreeningCase k, CustomerStatus newStatus) {}
        Result r = audit.inTransaction((c, entries) -> {
            ScreeningCase before = CaseStore.get(c, caseId).orElseThrow();
            CaseStore.decide(c, d);
            CustomerStatus newStatus = null;
            if (decision == CaseStatus.TRUE_MATCH && customer.status() != CustomerStatus.SUSPENDED && customer.status() != CustomerStatus.CLOSED) {
                newStatus = CustomerStatus.SUSPENDED;
            } else if (decision == CaseStatus.FALSE_POSITIVE && before.suspends() && customer.status() == CustomerStatus.SUSPENDED
                    && !CaseStore.holdsSuspended(c, customer.id())) {
                newStatus = CustomerStatus.ACTIVE;
            }
            entries.add(KycTrail.decided(decidedBy, before, d,
                    newStatus == null ? "unchanged" : newStatus == CustomerStatus.ACTIVE ? "reactivated" : "suspended"));
            return new Result(CaseStore.get(c, caseId).orElseThrow(), newStatus);
        });
        if (r.newStatus() != null) customers.changeStatus(customer.id(), r.newStatus());
        return r.k();
    }

    /** The CIP records screening reads (other names, beneficial owners). */
    public CipStore cip() { return cip; }

    /** The customer (legal name and other names) and each beneficial owner, as screening subjects. */
    private List<Subject> subjects(Customer customer) {
        SubjectKind kind = customer.kind() == CustomerKind.INDIVIDUAL ? SubjectKind.INDIVIDUAL : SubjectKind.ENTITY;
        CipDetails d = cip.current(customer.id()).details();
        List<String> names = new ArrayList<>();
        names.add(customer.name());
        names.addAll(d.otherNames());
        List<Subject> out = new ArrayList<>();
        out.add(new Subject(names, kind, customer.country(), kind == SubjectKind.INDIVIDUAL ? d.dateOfBirth() : null, null));
        for (CipDetails.BeneficialOwner o : d.beneficialOwners()) {
            // an owner may be a person or a holding company: kind left open (both readings) unless a birth date says person
            SubjectKind ownerKind = o.dateOfBirth() != null ? SubjectKind.INDIVIDUAL : null;
            out.add(new Subject(List.of(o.name()), ownerKind, o.country(), o.dateOfBirth(), null));
        }
        return out;
    }

    /** SHA-256 of the entry's names, so a false positive reopens only when the entry itself changed. */
    static String entryHash(Screener screener, Hit hit) {
        List<String> names = screener.entry(hit.list(), hit.entryId()).map(ListEntry::allNames).orElse(List.of(hit.entryName()));
        List<String> sorted = new ArrayList<>(names.subList(1, names.size()));
        sorted.sort(null);
        String text = hit.list() + "\n" + hit.entryId() + "\n" + names.getFirst() + "\n" + String.join("\n", sorted);
        return Sha256.hex(text);
    }

    private static AccountsException.NotFound notFound(String id) {
        return new AccountsException.NotFound("customer_id", "no customer " + id);
    }
}
