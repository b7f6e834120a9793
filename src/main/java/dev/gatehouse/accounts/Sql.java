package dev.gatehouse.accounts;

import dev.gatehouse.store.StoreException;


/** What the account stores share beyond {@link dev.gatehouse.store.Jdbc}: duplicates as typed errors. */
final class Sql {
    private Sql() {}

    /** Runs {@code work}, turning a broken unique constraint into a {@link AccountsException.Duplicate} on {@code field}. */
    static <T> T unique(String field, String message, java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (StoreException e) {
            if (e.isDuplicate()) throw new AccountsException.Duplicate(field, message);
            throw e;
        }
    }
}
