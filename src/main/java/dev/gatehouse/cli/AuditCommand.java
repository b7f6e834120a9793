package dev.gatehouse.cli;

import dev.gatehouse.audit.AuditKey;
import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.audit.AuditRecord;
import dev.gatehouse.audit.AuditVerifier;
import dev.gatehouse.audit.VerifyResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code gatehouse audit verify|tail}: check the tamper-evident audit chain, or show its last entries. */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "Verify or read the tamper-evident audit log.",
        subcommands = {AuditCommand.Verify.class, AuditCommand.Tail.class})
public final class AuditCommand {
    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Walk the whole chain and check every hash and checkpoint signature. Exit 0 if sound, 1 naming the first broken entry.")
    static final class Verify implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        StoreOptions options;
        @Option(names = "--key", paramLabel = "FILE",
                description = "The audit signing key file; only its public key FILE.pub is read (default: security.audit_key_file of the config).")
        Path key;

        @Override
        public Integer call() {
            return StoreRun.run(spec, options, (store, out) -> {
                Path pub = AuditKey.publicFile(key != null ? key : Path.of(store.config().security().auditKeyFile()));
                if (!Files.isRegularFile(pub)) throw new CliInputException("--key", "no audit public key at " + pub);
                VerifyResult result = new AuditVerifier(store.db(), AuditKey.publicOnly(pub)).verify();
                Map<String, Object> row = new LinkedHashMap<>();
                switch (result) {
                    case VerifyResult.Ok ok -> {
                        row.put("status", "ok");
                        row.put("entries", ok.entries());
                        row.put("checkpoints", ok.checkpoints());
                    }
                    case VerifyResult.Broken broken -> {
                        row.put("status", "broken");
                        row.put("first_bad_seq", broken.firstBadSeq());
                        row.put("reason", broken.reason());
                    }
                }
                out.record(row);
                return result instanceof VerifyResult.Ok ? StoreRun.OK : StoreRun.NOT_FOUND;
            });
        }
    }

    @Command(name = "tail", mixinStandardHelpOptions = true, description = "The last entries of the audit log, oldest first.")
    static final class Tail implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        StoreOptions options;
        @Option(names = {"-n", "--lines"}, paramLabel = "N", defaultValue = "20", description = "How many entries (default ${DEFAULT-VALUE}).")
        int lines;

        @Override
        public Integer call() {
            return StoreRun.run(spec, options, (store, out) -> {
                if (lines < 1) throw new CliInputException("-n", "at least 1, not " + lines);
                List<Map<String, Object>> rows = AuditLog.tail(store.db(), lines).stream().map(Tail::view).toList();
                out.table(rows, List.of("seq", "ts", "category", "actor", "action", "subject"));
                return StoreRun.OK;
            });
        }

        private static Map<String, Object> view(AuditRecord r) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("seq", r.seq());
            row.put("ts", r.ts().toString());
            row.put("category", r.entry().category().wire());
            row.put("actor", r.entry().actor());
            row.put("action", r.entry().action());
            row.put("subject", r.entry().subject());
            row.put("before_json", r.entry().beforeJson());
            row.put("after_json", r.entry().afterJson());
            row.put("prev_hash", r.prevHash());
            row.put("hash", r.hash());
            return row;
        }
    }
}
