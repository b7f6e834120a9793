package dev.gatehouse.compliance.kyc;

import dev.gatehouse.store.Jdbc;
import dev.gatehouse.accounts.AccountsException;
import dev.gatehouse.accounts.Customer;
import dev.gatehouse.accounts.CustomerKind;
import dev.gatehouse.accounts.CustomerStatus;
import dev.gatehouse.accounts.CustomerStore;
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

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
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
 */
public final class CustomerScreening {
    private static final Logger log = LoggerFactory.getLogger(CustomerScreening.class);

    private final Database db;
    private final CustomerStore customers;
    private final ScreeningLists lists;
    private final Clock clock;
    private final CipStore cip;

    public CustomerScreening(Database db, CustomerStore customers, ScreeningLists lists, Clock clock) {
        this.db = db;
        this.customers = customers;
        this.lists = lists;
        this.clock = clock;
        this.cip = new CipStore(db, clock);
    }

    public CustomerScreening(Database db, CustomerStore customers, ScreeningLists lists) {
        this(db, customers, lists, Clock.systemUTC());
    }

    /** Rescreens every customer after each import that changed a list. */
    public CustomerScreening rescreenOnListChange() {
        lists.onChange(report -> {
            int n = rescreenAll("list_change:" + report.list()).size();
            log.info("list {} changed: rescreened {} customers", report.list(), n);
        });
        return this;
    }

    public ScreeningOutcome screenCustomer(String customerId) { return screenCustomer(customerId, "on_demand"); }

    /** Screens the customer's names (legal, other, beneficial owners'), records the run, opens cases, suspends on a block hit. */
    public synchronized ScreeningOutcome screenCustomer(String customerId, String cause) {
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
        boolean mustSuspend = db.inTransaction(c -> {
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
            return suspend;
        });
        boolean suspended = false;
        if (mustSuspend && customer.status() != CustomerStatus.SUSPENDED && customer.status() != CustomerStatus.CLOSED) {
            customers.changeStatus(customerId, CustomerStatus.SUSPENDED);
            suspended = true;
            log.warn("customer {} suspended pending compliance review: {} hit on {} {}", customerId, hits.getFirst().band().wire(),
                    hits.getFirst().list(), hits.getFirst().entryId());
        }
        return new ScreeningOutcome(run, opened, suspended);
    }

    /** Screens every customer that is not closed, oldest first. */
    public List<ScreeningOutcome> rescreenAll(String cause) {
        List<ScreeningOutcome> out = new ArrayList<>();
        for (String id : db.withConnection(CaseStore::openCustomerIds)) out.add(screenCustomer(id, cause));
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
     * Records a decision (kept as history). {@code true_match} suspends the customer (if it is not
     * already); {@code false_positive} clears the hit, and reactivates a customer this screening
     * suspended once no open block-band case or true match holds it any more.
     */
    public synchronized ScreeningCase decide(String caseId, CaseStatus decision, String decidedBy, String reason) {
        if (decision == CaseStatus.OPEN) throw new AccountsException.Invalid("decision", "a decision is true_match or false_positive");
        if (reason == null || reason.isBlank()) throw new AccountsException.Invalid("reason", "a decision needs a reason");
        if (reason.length() > 4000) throw new AccountsException.Invalid("reason", "reason is longer than 4000 characters");
        CaseDecision d = new CaseDecision(Ids.next("dec"), caseId, decision, decidedBy, Jdbc.now(clock), reason.strip());
        record Result(ScreeningCase k, boolean stillHeld) {}
        Result r = db.inTransaction(c -> {
            ScreeningCase k = CaseStore.get(c, caseId).orElseThrow(() -> new AccountsException.NotFound("case_id", "no screening case " + caseId));
            CaseStore.decide(c, d);
            return new Result(CaseStore.get(c, caseId).orElseThrow(), CaseStore.holdsSuspended(c, k.customerId()));
        });
        Customer customer = customers.get(r.k().customerId()).orElseThrow(() -> notFound(r.k().customerId()));
        if (decision == CaseStatus.TRUE_MATCH && customer.status() != CustomerStatus.SUSPENDED && customer.status() != CustomerStatus.CLOSED) {
            customers.changeStatus(customer.id(), CustomerStatus.SUSPENDED);
        } else if (decision == CaseStatus.FALSE_POSITIVE && r.k().suspends() && !r.stillHeld() && customer.status() == CustomerStatus.SUSPENDED) {
            customers.changeStatus(customer.id(), CustomerStatus.ACTIVE);
        }
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
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static AccountsException.NotFound notFound(String id) {
        return new AccountsException.NotFound("customer_id", "no customer " + id);
    }
}
