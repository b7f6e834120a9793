package dev.gatehouse.forward;

/** The client closed its connection; nothing more is sent anywhere. */
public final class ClientGoneException extends RuntimeException {
    public static final ClientGoneException INSTANCE = new ClientGoneException();

    private ClientGoneException() {
        super("the client closed the connection", null, false, false);
    }
}
