package dev.gatehouse.server;

import dev.gatehouse.accounts.CredentialStore;
import dev.gatehouse.accounts.CustomerStore;
import dev.gatehouse.accounts.KeyDirectory;
import dev.gatehouse.accounts.KeyStore;
import dev.gatehouse.accounts.LastUsedRecorder;
import dev.gatehouse.accounts.ProjectStore;
import dev.gatehouse.accounts.StoreKeyAuthenticator;
import dev.gatehouse.accounts.UserStore;
import dev.gatehouse.accounts.Vault;
import dev.gatehouse.audit.AuditKey;
import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.audit.AuditQueue;
import dev.gatehouse.audit.AuditRetention;
import dev.gatehouse.audit.AuditSink;
import dev.gatehouse.auth.ConfigKeyAuthenticator;
import dev.gatehouse.compliance.kyc.AccessIpRecorder;
import dev.gatehouse.compliance.kyc.CustomerScreening;
import dev.gatehouse.compliance.kyc.RetentionPurge;
import dev.gatehouse.compliance.screening.ScreeningLists;
import dev.gatehouse.compliance.screening.Thresholds;
import dev.gatehouse.config.ComplianceConfig;
import dev.gatehouse.config.GatewayConfig;
import dev.gatehouse.config.MeteringConfig;
import dev.gatehouse.metering.Journal;
import dev.gatehouse.metering.LedgerLoader;
import dev.gatehouse.metering.MeteringStage;
import dev.gatehouse.metering.PriceBook;
import dev.gatehouse.metering.PriceStore;
import dev.gatehouse.metering.UsageQueries;
import dev.gatehouse.limits.AlertSink;
import dev.gatehouse.limits.CreditStore;
import dev.gatehouse.limits.InProcessLimiter;
import dev.gatehouse.limits.LimitStage;
import dev.gatehouse.limits.LimitStore;
import dev.gatehouse.limits.Limiter;
import dev.gatehouse.limits.SpendLedger;
import dev.gatehouse.pipeline.GatewayStage;
import dev.gatehouse.pipeline.RecordingGuard;
import dev.gatehouse.audit.AuditCategory;
import dev.gatehouse.audit.AuditEntry;
import dev.gatehouse.audit.AuditSink;
import dev.gatehouse.policy.PolicyHolder;
import dev.gatehouse.policy.PolicyStage;
import dev.gatehouse.policy.facts.CustomerFactsDirectory;
import dev.gatehouse.policy.pii.TransferRecorder;
import dev.gatehouse.reports.ReportSource;
import dev.gatehouse.store.Blocking;
import dev.gatehouse.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Everything the gateway keeps beside its routes: the store, the vault, the in-memory key
 * directory and the stores the admin API uses. Opened once before the server listens (blocking is
 * fine then), closed in reverse order.
 */
public final class Subsystems implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Subsystems.class);

    /** How soon a change made elsewhere (the CLI, another instance) to limits or prices takes effect here. */
    static final Duration SHARED_DATA_REFRESH = Duration.ofSeconds(5);
    /** How often the addresses seen on the model API are written to the customers' CIP records. */
    static final long ACCESS_IP_FLUSH_SECONDS = 10;
    /** Daily jobs (retention) first run this long after start, so a gateway restarted daily still runs them. */
    static final Duration DAILY_JOB_FIRST_RUN = Duration.ofMinutes(5);

    private final Deque<AutoCloseable> opened = new ArrayDeque<>();
    private Database db;
    private Blocking blocking;
    private Vault vault;
    private AuditLog audit;
    private AuditQueue auditQueue;
    private KeyDirectory keyDirectory;
    private LastUsedRecorder lastUsed;
    private CustomerStore customers;
    private ScreeningLists screeningLists;
    private CustomerScreening screening;
    private AccessIpRecorder accessIps;
    private ProjectStore projects;
    private UserStore users;
    private KeyStore keys;
    private CredentialStore credentials;
    private Journal journal;
    private PriceStore priceStore;
    private PriceBook prices;
    private UsageQueries usage;
    private int replayed;
    private LimitStore limits;
    private CreditStore creditStore;
    private Limiter limiter;
    private SpendLedger spend;
    private PolicyHolder policy;
    private CustomerFactsDirectory customerFacts;
    private TransferRecorder transfers;
    private dev.gatehouse.routing.RouteTable routes;
    private ReportSource reports;

    private Subsystems() {}

    public static Subsystems open(GatewayConfig config) {
        return open(config, null);
    }

    /** Opens everything; {@code configFile} (may be null) is where the config was read, for policy reloads. */
    public static Subsystems open(GatewayConfig config, Path configFile) {
        Subsystems s = new Subsystems();
        try {
            // the policy first: a bad one stops the start before anything is opened
            s.policy = s.track(PolicyHolder.load(config, configFile, Clock.systemUTC()));
            s.db = s.track(Database.open(config.store()));
            s.blocking = s.track(new Blocking());
            s.vault = Vault.open(config.security());
            s.audit = new AuditLog(s.db, AuditKey.loadOrCreate(Path.of(config.security().auditKeyFile())));
            s.auditQueue = s.track(new AuditQueue(s.audit)); // the request path's entries, appended in batches off the event loop
            // a quiet log is still signed: the head gets a checkpoint every interval (none if nothing was appended since)
            s.track(s.every(Duration.ofSeconds(config.audit().checkpointIntervalSeconds()), "audit-checkpoint", s.audit::checkpoint));
            AuditRetention auditRetention = new AuditRetention(s.audit, config.audit().retentionPeriods(), Clock.systemUTC());
            s.track(s.every(DAILY_JOB_FIRST_RUN, Duration.ofDays(1), "audit-retention", auditRetention::runOnce));
            s.keyDirectory = s.track(KeyDirectory.start(s.db, KeyDirectory.DEFAULT_REFRESH));
            s.customers = new CustomerStore(s.db, s.keyDirectory);
            // the lists in force, in memory; an import through this instance rescreens every customer,
            // one by the CLI or another instance is loaded within seconds (the importer rescreened)
            ComplianceConfig compliance = config.compliance();
            s.screeningLists = new ScreeningLists(s.db, new Thresholds(compliance.reviewThreshold(), compliance.blockThreshold()));
            s.screeningLists.reload(); // now, not on the first onboarding
            s.screening = new CustomerScreening(s.db, s.customers, s.screeningLists, s.audit).rescreenOnListChange("system:list-import");
            s.track(s.every(SHARED_DATA_REFRESH, "screening-lists", s.screeningLists::reloadIfChanged));
            PolicyHolder policy = s.policy; // its trusted proxies say whose address a request carries
            s.accessIps = s.track(new AccessIpRecorder(s.screening.cip(), ACCESS_IP_FLUSH_SECONDS,
                    request -> policy.get().clientAddress().clientOf(request)));
            // KYC records of customers closed longer ago than the retention period go, daily, with their audit entries
            RetentionPurge kycPurge = new RetentionPurge(s.db, s.audit, Clock.systemUTC());
            s.track(s.every(DAILY_JOB_FIRST_RUN, Duration.ofDays(1), "kyc-retention", () -> kycPurge.run(compliance.kycRetentionPeriod())));
            s.projects = new ProjectStore(s.db);
            s.users = new UserStore(s.db);
            s.keys = new KeyStore(s.db, s.keyDirectory);
            s.credentials = new CredentialStore(s.db, s.vault);
            s.lastUsed = s.track(LastUsedRecorder.start(s.keys, LastUsedRecorder.DEFAULT_INTERVAL));
            MeteringConfig m = config.metering();
            s.journal = s.track(Journal.open(Path.of(m.journalDir()), m.fsyncIntervalMs()));
            s.priceStore = new PriceStore(s.db);
            s.prices = s.track(new PriceBook(s.priceStore, m.cnyPerUsd()));
            s.prices.refreshEvery(SHARED_DATA_REFRESH); // prices changed by the CLI or another instance
            LedgerLoader loader = s.track(new LedgerLoader(s.journal, s.db));
            s.replayed = loader.start(); // what a crash left in the journal reaches the ledger before anything else
            if (s.replayed > 0) log.info("replayed {} usage records from the journal", s.replayed);
            s.usage = new UsageQueries(s.db);
            s.limits = new LimitStore(s.db);
            s.track(s.every(SHARED_DATA_REFRESH, "limits", s.limits::reload)); // limits set by the CLI or another instance
            s.creditStore = s.track(new CreditStore(s.db));
            s.limiter = s.track(new InProcessLimiter());
            // budgets continue from the ledger; metering has replayed its journal into it by now
            s.spend = SpendLedger.load(s.db, Clock.systemUTC());
            s.customerFacts = s.track(CustomerFactsDirectory.start(s.db, KeyDirectory.DEFAULT_REFRESH));
            // PIPL counts by calendar year in China: the year turns at midnight Beijing time, not UTC
            s.transfers = s.track(TransferRecorder.open(s.db, Clock.system(java.time.ZoneId.of("Asia/Shanghai")), config.policy().personalData().alertAt(),
                    alert -> {
                        log.warn("personal information sent abroad in {} is approaching the PIPL threshold {}: {} of {}",
                                alert.year(), alert.threshold(), alert.count(), alert.limit());
                        s.auditQueue.submit(new AuditEntry(AuditCategory.ADMIN, // an operator-level event; the log has no category of alerts
                                "system:pipl-counter", "pipl_threshold_approached", alert.threshold().name(), null,
                                dev.gatehouse.api.Json.MAPPER.valueToTree(alert).toString()));
                    }));
            s.reports = new ReportSource(s.db, config.compliance(), Clock.systemUTC());
            return s;
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** The stages these subsystems contribute, in pipeline order. */
    List<GatewayStage> stages(GatewayConfig config) {
        List<GatewayStage> stages = new ArrayList<>();
        stages.add(recordingGuard(config)); // first: a request held back has not been decided, limited or audited yet
        ConfigKeyAuthenticator configKeys = config.apiKeys().isEmpty() ? null : new ConfigKeyAuthenticator(config.apiKeys());
        stages.add(new StoreKeyAuthenticator(keyDirectory, lastUsed, configKeys));
        stages.add(accessIps); // the addresses a customer's keys are used from, for its CIP record
        // policy before metering and limits: a refused request reserves nothing and costs nothing
        stages.add(new PolicyStage(policy, customerFacts, blocking, limiter, auditQueue, transfers,
                config.audit().logRequestDecisions()));
        if (config.controls().metering()) {
            PolicyHolder regions = policy; // the policy in force names where each provider processes prompts
            stages.add(new MeteringStage(journal, prices, provider -> regions.get().region(provider).processingRegion()));
        }
        if (config.controls().limits()) {
            stages.add(new LimitStage(limits, limiter, spend, creditStore.balances(), AlertSink.NONE,
                    LimitStage.DEFAULT_COMPLETION_ESTIMATE));
        }
        return stages;
    }

    /**
     * How far behind the recorders may fall before new requests are held back: the ledger by 32 MiB of
     * journal (some 150,000 records, several seconds of full load; budgets read the ledger), the
     * audit writer by half its queue (the other half absorbs what is in flight, so nothing is dropped).
     * A request held back longer than {@link #RECORDING_MAX_WAIT} is refused.
     */
    static final long LEDGER_BACKLOG_LIMIT_BYTES = 32L * 1024 * 1024;
    static final Duration RECORDING_MAX_WAIT = Duration.ofSeconds(5);

    private RecordingGuard recordingGuard(GatewayConfig config) {
        List<RecordingGuard.Backlog> backlogs = new ArrayList<>();
        if (config.controls().metering()) {
            Journal j = journal;
            backlogs.add(new RecordingGuard.Backlog("loading usage records into the ledger",
                    () -> j.unloadedBytes() > LEDGER_BACKLOG_LIMIT_BYTES));
        }
        AuditQueue audit = auditQueue;
        long auditLimit = audit.capacity() / 2;
        backlogs.add(new RecordingGuard.Backlog("writing the audit log", () -> audit.backlog() >= auditLimit));
        return new RecordingGuard(backlogs, RECORDING_MAX_WAIT);
    }

    public Database db() { return db; }
    /** The usage journal; null when metering is off. */
    Journal journal() { return journal; }
    /** The gateway's routes, once it has built them (null in a store-only process such as the CLI). */
    public dev.gatehouse.routing.RouteTable routes() { return routes; }

    void routes(dev.gatehouse.routing.RouteTable routes) { this.routes = routes; }

    /** The request policy in force (reloadable). */
    public PolicyHolder policy() { return policy; }
    /** What the policy knows of each customer, in memory. */
    public CustomerFactsDirectory customerFacts() { return customerFacts; }
    public Blocking blocking() { return blocking; }
    public Vault vault() { return vault; }
    public AuditLog audit() { return audit; }
    /** Where the request path submits audit entries without blocking (appended in order, in batches). */
    public AuditSink auditSink() { return auditQueue; }
    public AuditQueue.Stats auditQueueStats() { return auditQueue.stats(); }
    public KeyDirectory keyDirectory() { return keyDirectory; }
    public CustomerStore customers() { return customers; }
    public ProjectStore projects() { return projects; }
    public ScreeningLists screeningLists() { return screeningLists; }
    public AccessIpRecorder accessIps() { return accessIps; }
    /** Screening of customers: cases, suspension on a block hit. */
    public CustomerScreening screening() { return screening; }
    public UserStore users() { return users; }
    public KeyStore keys() { return keys; }
    public CredentialStore credentials() { return credentials; }
    public LimitStore limits() { return limits; }
    public PriceStore prices() { return priceStore; }
    public UsageQueries usage() { return usage; }
    /** What the compliance reports read: the store and the configured thresholds. */
    public ReportSource reports() { return reports; }

    /** How many usage records the journal held on start that the ledger did not (a crash's leftovers). */
    public int replayedOnStart() { return replayed; }
    public CreditStore credits() { return creditStore; }

    /** Runs {@code task} every {@code period} on a daemon thread; a failure is logged and retried next time. */
    private AutoCloseable every(Duration period, String what, Runnable task) {
        return every(period, period, what, task);
    }

    /** As {@link #every(Duration, String, Runnable)}, the first run {@code first} after start. */
    private AutoCloseable every(Duration first, Duration period, String what, Runnable task) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("gatehouse-refresh-" + what).factory());
        timer.scheduleWithFixedDelay(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.warn("could not refresh {} (keeping what is in memory): {}", what, e.getMessage());
            }
        }, first.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
        return timer::shutdownNow;
    }

    private <T extends AutoCloseable> T track(T resource) {
        opened.push(resource);
        return resource;
    }

    @Override
    public void close() {
        while (!opened.isEmpty()) {
            AutoCloseable c = opened.pop();
            try {
                c.close();
            } catch (Exception e) {
                log.warn("closing {} failed: {}", c.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
