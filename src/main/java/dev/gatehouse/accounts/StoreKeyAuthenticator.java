package dev.gatehouse.accounts;

import dev.gatehouse.api.ErrorCode;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.auth.ConfigKeyAuthenticator;
import dev.gatehouse.pipeline.Caller;
import dev.gatehouse.pipeline.GatewayStage;
import dev.gatehouse.pipeline.RequestContext;
import io.vertx.core.Future;

/**
 * The authenticate stage for keys of the store: looks the presented key up in the in-memory
 * {@link KeyDirectory} (no database on the request path), then, before forwarding, holds the
 * caller to the key's model scope. A key the store does not know goes to {@code fallback}
 * (the {@link ConfigKeyAuthenticator} of keys in the config file), so both kinds of key work side
 * by side; without a fallback it is refused.
 */
public final class StoreKeyAuthenticator implements GatewayStage {
    private final KeyDirectory directory;
    private final LastUsedRecorder lastUsed;
    private final ConfigKeyAuthenticator fallback;

    /** @param fallback the next authenticator for keys the store does not know, or null */
    public StoreKeyAuthenticator(KeyDirectory directory, LastUsedRecorder lastUsed, ConfigKeyAuthenticator fallback) {
        this.directory = directory;
        this.lastUsed = lastUsed;
        this.fallback = fallback;
    }

    /** This stage reads headers only. */
    @Override
    public boolean editsBodyInPlace() { return false; }

    @Override
    public void onHeaders(RequestContext ctx) {
        String key = ConfigKeyAuthenticator.presentedKey(ctx.http());
        KeyCheck check = key == null ? new KeyCheck.Unknown() : directory.check(key);
        switch (check) {
            case KeyCheck.Valid v when v.kind() == KeyKind.CLIENT -> {
                ctx.caller(v.caller());
                lastUsed.touch(v.keyId());
            }
            case KeyCheck.Valid v -> throw new GatewayException(ErrorCode.INVALID_API_KEY,
                    "This is an admin key; it calls /admin/v1 only. Use a client key for the model API.");
            case KeyCheck.Revoked r -> throw new GatewayException(ErrorCode.INVALID_API_KEY, "This API key has been revoked.");
            case KeyCheck.Expired x -> throw new GatewayException(ErrorCode.INVALID_API_KEY,
                    "This API key expired at " + x.expiresAt() + ".");
            case KeyCheck.CustomerInactive c -> throw inactive(c.status());
            case KeyCheck.Unknown u -> {
                if (fallback != null) {
                    fallback.authenticate(ctx, key); // the header is read once, here
                } else if (key == null) {
                    throw new GatewayException(ErrorCode.INVALID_API_KEY,
                            "You didn't provide an API key. Send it as 'Authorization: Bearer YOUR_KEY'.");
                } else {
                    throw new GatewayException(ErrorCode.INVALID_API_KEY, "Incorrect API key provided.");
                }
            }
        }
    }

    @Override
    public Future<Void> beforeForward(RequestContext ctx) {
        Caller caller = ctx.caller();
        if (caller != null && ctx.route() != null && !caller.mayUse(ctx.route().name())) {
            return Future.failedFuture(new GatewayException(ErrorCode.MODEL_NOT_ALLOWED,
                    "This API key may not use the model '" + ctx.route().name() + "'.", "model"));
        }
        return Future.succeededFuture();
    }

    private static GatewayException inactive(CustomerStatus status) {
        return switch (status) {
            case PENDING -> new GatewayException(ErrorCode.ACCOUNT_PENDING,
                    "This account is pending approval; its keys work once it is active.");
            case SUSPENDED -> new GatewayException(ErrorCode.ACCOUNT_SUSPENDED,
                    "This account is suspended; contact the gateway operator.");
            case CLOSED -> new GatewayException(ErrorCode.ACCOUNT_CLOSED, "This account is closed.");
            case ACTIVE -> throw new IllegalStateException("an active customer is not inactive");
        };
    }
}
