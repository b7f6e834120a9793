package dev.gatehouse.server;

import io.vertx.core.http.HttpHeaders;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Request ids, always made by the gateway, never taken from the client: the id keys the usage
 * ledger, so a client that could choose it could make two requests share one record and go
 * unbilled. (OpenAI, too, answers with its own {@code x-request-id}.)
 *
 * <p>An id is {@code req_}, the millisecond clock as 12 hex digits, then 64 random bits as 16 hex
 * digits. Time first keeps the ledger's unique index on request ids append-mostly: new ids land
 * on its last pages, where random ids would dirty a different page of a large index with every
 * insert (measured in docs/benchmarks/NOTES.md). Ids of one millisecond differ in their random
 * part, which no client can predict.
 */
final class RequestIds {
    /** The response header that carries the id (an ASCII string: Vert.x neither rehashes nor re-encodes it per response). */
    static final CharSequence HEADER = HttpHeaders.createOptimized("x-request-id");
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private RequestIds() {}

    static String next() {
        return next(System.currentTimeMillis(), ThreadLocalRandom.current().nextLong());
    }

    static String next(long millis, long random) {
        char[] out = new char[4 + 12 + 16];
        out[0] = 'r'; out[1] = 'e'; out[2] = 'q'; out[3] = '_';
        for (int i = 0; i < 12; i++) out[4 + i] = HEX[(int) (millis >>> ((11 - i) * 4)) & 0xf];
        for (int i = 0; i < 16; i++) out[16 + i] = HEX[(int) (random >>> ((15 - i) * 4)) & 0xf];
        return new String(out);
    }
}
