package dev.gatehouse.server;

import io.vertx.core.http.HttpServerRequest;

import java.util.concurrent.ThreadLocalRandom;

/** Request ids: the client's own {@code x-request-id} when it is a sane token, else a new random one. */
final class RequestIds {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private RequestIds() {}

    static String of(HttpServerRequest request) {
        String given = request.getHeader("x-request-id");
        if (given != null && isSane(given)) return given;
        char[] out = new char[4 + 24];
        out[0] = 'r'; out[1] = 'e'; out[2] = 'q'; out[3] = '_';
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long a = r.nextLong();
        long b = r.nextLong();
        for (int i = 0; i < 16; i++) out[4 + i] = HEX[(int) (a >>> (i * 4)) & 0xf];
        for (int i = 0; i < 8; i++) out[20 + i] = HEX[(int) (b >>> (i * 4)) & 0xf];
        return new String(out);
    }

    private static boolean isSane(String id) {
        if (id.isEmpty() || id.length() > 128) return false;
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!(Character.isLetterOrDigit(c) && c < 128) && c != '-' && c != '_' && c != '.' && c != ':') return false;
        }
        return true;
    }
}
