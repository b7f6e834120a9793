package dev.gatehouse.cli;

import dev.gatehouse.accounts.AccountChanges;
import dev.gatehouse.accounts.CustomerStore;
import dev.gatehouse.accounts.KeyStore;
import dev.gatehouse.accounts.ProjectStore;
import dev.gatehouse.accounts.UserStore;
import dev.gatehouse.audit.AuditKey;
import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.compliance.kyc.CustomerScreening;
import dev.gatehouse.compliance.screening.ScreeningLists;
import dev.gatehouse.compliance.screening.Thresholds;
import dev.gatehouse.config.ComplianceConfig;
import dev.gatehouse.config.GatewayConfig;
import dev.gatehouse.limits.CreditStore;
import dev.gatehouse.limits.LimitStore;
import dev.gatehouse.metering.PriceStore;
import dev.gatehouse.metering.UsageQueries;
import dev.gatehouse.store.Database;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

/**
 * The configured store as one CLI command needs it: the database (migrated on open) and only the
 * stores the command asks for, each made on first use. No HTTP server, no journal, no key
 * directory: a running gateway learns of key and customer changes by its own periodic refresh,
 * which is why the stores are told {@link AccountChanges#NONE}.
 */
final class CliStore implements AutoCloseable {
    private final Database db;
    private final GatewayConfig config;
    private CreditStore credits;
    private AuditLog audit;
    private ScreeningLists lists;
    private CustomerScreening screening;

    private CliStore(Database db, GatewayConfig config) {
        this.db = db;
        this.config = config;
    }

    static CliStore open(GatewayConfig config) {
        return new CliStore(Database.open(config.store()), config);
    }

    GatewayConfig config() { return config; }

    /** How the audit trail names the person running the command: {@code cli:} and the operating-system user. */
    static String actor() { return "cli:" + System.getProperty("user.name", "unknown"); }

    /** The audit trail, signing with the gateway's key ({@code security.audit_key_file}; made if missing, as the gateway would). */
    AuditLog audit() {
        if (audit == null) audit = new AuditLog(db, AuditKey.loadOrCreate(Path.of(config.security().auditKeyFile())));
        return audit;
    }

    /** The configured screening thresholds ({@code compliance.review_threshold}, {@code block_threshold}). */
    Thresholds thresholds() {
        ComplianceConfig c = config.compliance();
        return new Thresholds(c.reviewThreshold(), c.blockThreshold());
    }

    /** The lists in the store with the configured thresholds, loaded once (blocks while it reads every entry). */
    ScreeningLists lists() {
        if (lists == null) lists = screeningLists(thresholds());
        return lists;
    }

    /** Customer screening over {@link #lists()}. */
    CustomerScreening screening() {
        if (screening == null) screening = new CustomerScreening(db, customers(), lists(), audit());
        return screening;
    }

    CustomerStore customers() { return new CustomerStore(db, AccountChanges.NONE); }
    ProjectStore projects() { return new ProjectStore(db); }
    UserStore users() { return new UserStore(db); }
    KeyStore keys() { return new KeyStore(db, AccountChanges.NONE); }
    LimitStore limits() { return new LimitStore(db); }
    PriceStore prices() { return new PriceStore(db); }
    UsageQueries usage() { return new UsageQueries(db); }

    /** The screening lists in the store, loaded into a screener (blocks while it reads every entry). */
    ScreeningLists screeningLists(Thresholds thresholds) {
        return new ScreeningLists(db, thresholds);
    }

    Database db() { return db; }

    /** The credit store (it loads balances and runs a flusher thread, so it is made once and closed). */
    CreditStore credits() {
        if (credits == null) credits = new CreditStore(db);
        return credits;
    }

    /** Whether a project with this id exists, whoever's it is (ProjectStore looks projects up only through their customer). */
    boolean projectExists(String id) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM projects WHERE id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    @Override
    public void close() {
        if (credits != null) credits.close();
        db.close();
    }
}
