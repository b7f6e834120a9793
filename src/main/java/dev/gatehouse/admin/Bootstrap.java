package dev.gatehouse.admin;

import dev.gatehouse.accounts.CreatedKey;
import dev.gatehouse.accounts.KeyStore;
import dev.gatehouse.accounts.NewApiKey;
import dev.gatehouse.accounts.Role;

import java.io.PrintStream;
import java.util.Optional;

/**
 * First run: a store without any operator admin key gets one, role owner, and its secret is
 * printed once. "Any" includes revoked keys, so revoking every admin key later does not make the
 * next start mint (and print) a fresh owner key; only a new store does. Two instances starting
 * on one new database at the same moment may each create one; both are shown, both work.
 */
public final class Bootstrap {
    static final String NAME = "bootstrap";

    private Bootstrap() {}

    /** Creates the first operator admin key if there is none (blocking JDBC); empty when keys exist. */
    public static Optional<CreatedKey> ensureAdminKey(KeyStore keys) {
        if (!keys.listOperatorKeys().isEmpty()) return Optional.empty();
        return Optional.of(keys.create(NewApiKey.admin(NAME, null, Role.OWNER)));
    }

    /** {@link #ensureAdminKey}, printing a new key's secret to {@code out} once. */
    public static Optional<CreatedKey> firstRun(KeyStore keys, PrintStream out) {
        Optional<CreatedKey> created = ensureAdminKey(keys);
        created.ifPresent(k -> {
            out.println("Gatehouse admin key (shown once): " + k.secret().value());
            out.println("Keep it safe: it is the operator's owner key for /admin/v1; only its hash is stored.");
            out.flush();
        });
        return created;
    }
}
