package dev.gatehouse.admin;

import dev.gatehouse.accounts.User;
import dev.gatehouse.crypto.Sha256;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Console sessions of this instance, in memory: the token is 256 random bits, kept only as its
 * SHA-256 (a heap dump does not hand out sessions), with an expiry. A restart signs everyone out,
 * which is acceptable for a console; sessions do not move between instances.
 */
final class Sessions {
    static final Duration LIFETIME = Duration.ofHours(12);
    static final String PREFIX = "ghs_";

    /** Who signed in and until when; the user's role and customer are read afresh on each call. */
    record Session(String userId, Instant expiresAt) {}

    /** A new session: the token (shown once, to the client) and what it stands for. */
    record Opened(String token, Session session) {}

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> byHash = new ConcurrentHashMap<>();
    private final Clock clock;

    Sessions(Clock clock) { this.clock = clock; }

    Opened open(User user) {
        sweep();
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Session s = new Session(user.id(), clock.instant().plus(LIFETIME));
        byHash.put(Sha256.hex(token), s);
        return new Opened(token, s);
    }

    /** The live session of {@code token}; an expired one is dropped. */
    Optional<Session> find(String token) {
        if (token == null || !token.startsWith(PREFIX)) return Optional.empty();
        String h = Sha256.hex(token);
        Session s = byHash.get(h);
        if (s == null) return Optional.empty();
        if (!clock.instant().isBefore(s.expiresAt())) {
            byHash.remove(h, s);
            return Optional.empty();
        }
        return Optional.of(s);
    }

    void close(String token) {
        if (token != null) byHash.remove(Sha256.hex(token));
    }

    /** Signs a user out everywhere on this instance (the user was disabled). */
    void closeAllOf(String userId) {
        byHash.values().removeIf(s -> s.userId().equals(userId));
    }

    private void sweep() {
        Instant now = clock.instant();
        byHash.values().removeIf(s -> !now.isBefore(s.expiresAt()));
    }
}
