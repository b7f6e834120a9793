package dev.gatehouse.audit;

import dev.gatehouse.store.Database;
import dev.gatehouse.testkit.TempDirs;

import java.nio.file.Path;
import java.util.List;

/** An audit log for tests that need one beside what they test: one signing key per test run, and reading helpers. */
public final class TestAudit {
    private static Path keyFile;

    private TestAudit() {}

    public static synchronized Path keyFile() {
        if (keyFile == null) {
            keyFile = TempDirs.create("gatehouse-audit").resolve("audit.key");
            AuditKey.loadOrCreate(keyFile);
        }
        return keyFile;
    }

    public static AuditLog log(Database db) { return new AuditLog(db, AuditKey.loadOrCreate(keyFile())); }

    /** The whole chain checked against the test key's public half. */
    public static VerifyResult verify(Database db) {
        return new AuditVerifier(db, AuditKey.publicOnly(AuditKey.publicFile(keyFile()))).verify();
    }

    /** Every entry of {@code category} in chain order. */
    public static List<AuditRecord> entries(Database db, AuditCategory category) {
        return AuditLog.tail(db, Integer.MAX_VALUE).stream().filter(r -> r.entry().category() == category).toList();
    }
}
