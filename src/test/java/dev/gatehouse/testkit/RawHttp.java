package dev.gatehouse.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for requests no well-behaved client library would send (huge
 * headers, lying lengths, bodies the server refuses half-way). Reads one response to its end.
 */
public final class RawHttp {
    private static final int TIMEOUT_MS = 10_000;

    private RawHttp() {}

    /**
     * Sends {@code head} (request line and headers, without the blank line) and then {@code body},
     * and reads the response. A write the server cut short (it may answer and close early) is not
     * an error: the response it sent is what the test wants.
     */
    public static HttpResult exchange(int port, String head, byte[] body) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MS);
            socket.setSoTimeout(TIMEOUT_MS);
            OutputStream out = socket.getOutputStream();
            try {
                out.write((head + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                if (body != null) out.write(body);
                out.flush();
            } catch (SocketException refusedMidWrite) {
                // the server answered before reading everything and closed; read what it said
            }
            return read(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a status line, headers and a body framed by Content-Length, chunked encoding or the close. */
    public static HttpResult read(InputStream in) throws IOException {
        String statusLine = line(in);
        if (statusLine == null) throw new IOException("the server closed the connection without a response");
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String l = line(in); l != null && !l.isEmpty(); l = line(in)) {
            int colon = l.indexOf(':');
            headers.computeIfAbsent(l.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(l.substring(colon + 1).trim());
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String length = first(headers, "content-length");
        if (length != null) {
            body.write(in.readNBytes(Integer.parseInt(length)));
        } else if ("chunked".equalsIgnoreCase(first(headers, "transfer-encoding"))) {
            for (int size = Integer.parseInt(line(in).trim(), 16); size > 0; size = Integer.parseInt(line(in).trim(), 16)) {
                body.write(in.readNBytes(size));
                line(in);
            }
        } else {
            in.transferTo(body);
        }
        return new HttpResult(status, headers, body.toString(StandardCharsets.UTF_8));
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> v = headers.get(name);
        return v == null ? null : v.get(0);
    }

    /** One CRLF-terminated line in ISO-8859-1, or null at the end of the stream. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') break;
            if (c != '\r') b.write(c);
        }
        if (c == -1 && b.size() == 0) return null;
        return b.toString(StandardCharsets.ISO_8859_1);
    }
}
