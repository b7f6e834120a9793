package dev.gatehouse.accounts;

import java.util.List;

/** One page of a listing; {@code nextOffset} is where the next page starts, null after the last. */
public record Page<T>(List<T> items, Integer nextOffset) {
    public Page {
        items = List.copyOf(items);
    }

    static void check(int offset, int limit) {
        if (offset < 0) throw new AccountsException.Invalid("offset", "offset must not be negative");
        if (limit < 1 || limit > 1000) throw new AccountsException.Invalid("limit", "limit must be between 1 and 1000");
    }
}
