package dev.gatehouse.server;


import java.util.concurrent.ThreadLocalRandom;

/**
 * Request ids, always made by the gateway (96 random bits), never taken from the client: the id
 * keys the usage ledger, so a client that could choose it could make two requests share one
 * record and go unbilled. (OpenAI, too, answers with its own {@code x-request-id}.)
 */
final class RequestIds {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private RequestIds() {}

    static String next() {
        char[] out = new char[4 + 24];
        out[0] = 'r'; out[1] = 'e'; out[2] = 'q'; out[3] = '_';
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long a = r.nextLong();
        long b = r.nextLong();
        for (int i = 0; i < 16; i++) out[4 + i] = HEX[(int) (a >>> (i * 4)) & 0xf];
        for (int i = 0; i < 8; i++) out[20 + i] = HEX[(int) (b >>> (i * 4)) & 0xf];
        return new String(out);
    }
}
