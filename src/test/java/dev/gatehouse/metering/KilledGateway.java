package dev.gatehouse.metering;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.api.Json;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A {@link MeteredGatewayMain} in its own OS process, for the tests that kill it with SIGKILL, and
 * the client load they put on it. If the process did not print READY in time, {@link #launch}
 * kills it and returns a gateway that has not {@link #started()}; {@link #log} then says why.
 */
record KilledGateway(Process process, int port, int replayed, Path log) {
    static final int START_TIMEOUT_S = 20;
    /** Clients in one {@link #load}. */
    static final int CLIENTS = 12;

    static KilledGateway launch(int simPort, String jdbcUrl, Path data, Path log) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                MeteredGatewayMain.class.getName(), Integer.toString(simPort), jdbcUrl, data.toString(), Integer.toString(freePort()))
                .redirectError(log.toFile());
        Process p = pb.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        ExecutorService reader = Executors.newVirtualThreadPerTaskExecutor();
        var ready = reader.submit(() -> {
            String line;
            while ((line = out.readLine()) != null) if (line.startsWith("READY ")) return line;
            return null;
        });
        String line;
        try {
            line = ready.get(START_TIMEOUT_S, TimeUnit.SECONDS);
        } catch (Exception e) {
            line = null;
        }
        reader.shutdown();
        if (line == null) {
            if (p.isAlive()) appendThreadDump(p, log); // it hangs: where?
            p.destroyForcibly();
            return new KilledGateway(p, -1, -1, log);
        }
        String[] parts = line.split(" ");
        return new KilledGateway(p, Integer.parseInt(parts[1]), Integer.parseInt(parts[2]), log);
    }

    private static void appendThreadDump(Process p, Path log) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process dump = new ProcessBuilder(jcmd.toString(), Long.toString(p.pid()), "Thread.print")
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).redirectErrorStream(true).start();
            dump.waitFor(20, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    boolean started() { return port > 0; }

    String logText() throws IOException { return Files.exists(log) ? Files.readString(log) : ""; }

    /** SIGKILL, and waits for the process to be gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newVirtualThreadPerTaskExecutor()).connectTimeout(Duration.ofSeconds(2)).build();
    }

    /** {@value #CLIENTS} clients sending to this gateway until {@link ClientLoad#stop}, each noting in {@code seen} what {@link #drive} notes. */
    ClientLoad load(HttpClient http, String name, Map<String, long[]> seen) {
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor();
        for (int c = 0; c < CLIENTS; c++) {
            String worker = name + "-" + c;
            clients.submit(() -> drive(http, port, worker, stop, seen));
        }
        return new ClientLoad(stop, clients);
    }

    /** Clients started by {@link #load}. */
    record ClientLoad(AtomicBoolean stopped, ExecutorService clients) {
        /** Stops the clients; true once every one has returned. */
        boolean stop() throws InterruptedException {
            stopped.set(true);
            clients.shutdown();
            return clients.awaitTermination(15, TimeUnit.SECONDS);
        }
    }

    /**
     * Sends plain and streamed chats until stopped, noting the usage of every response read to its
     * end by the request id the gateway answered with (the ledger's key).
     */
    private static void drive(HttpClient http, int port, String worker, AtomicBoolean stop, Map<String, long[]> seen) {
        for (int n = 0; !stop.get(); n++) {
            String id = "kill-" + worker + "-" + n;
            boolean stream = n % 2 == 0;
            String body = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"request " + id + "\"}]"
                    + (stream ? ",\"stream\":true,\"stream_options\":{\"include_usage\":true}" : "") + "}";
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
                    .header("Authorization", "Bearer " + MeteredGatewayMain.KEY).header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(5))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) continue;
                JsonNode usage = stream ? streamUsage(response.body()) : Json.MAPPER.readTree(response.body()).get("usage");
                String requestId = response.headers().firstValue("x-request-id").orElseThrow();
                if (usage != null) seen.put(requestId, new long[]{usage.get("prompt_tokens").asLong(), usage.get("completion_tokens").asLong()});
            } catch (IOException e) {
                if (stop.get()) return;
                sleep(); // the gateway is gone or going: what did not complete is not expected in the ledger
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** The usage of a complete stream (one that ended with [DONE]), else null. */
    private static JsonNode streamUsage(String sse) throws IOException {
        if (!sse.stripTrailing().endsWith("data: [DONE]")) return null;
        JsonNode usage = null;
        for (String line : sse.split("\n")) {
            if (!line.startsWith("data: {")) continue;
            JsonNode chunk = Json.MAPPER.readTree(line.substring(6));
            if (chunk.hasNonNull("usage")) usage = chunk.get("usage");
        }
        return usage;
    }

    private static void sleep() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
