package dev.gatehouse.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.api.Json;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads each request, records it, finds the endpoint of its path and dialect, picks its fault,
 * and hands the reply to an {@link Exchange}. Admin calls under {@code /_sim/} go to the {@link AdminApi}.
 */
final class SimRouter {
    /** Deployment names may contain dots (and anything but a slash). */
    private static final Pattern AZURE_DEPLOYMENT = Pattern.compile("/openai/deployments/([^/]+)/(chat/completions|embeddings)");

    private record Route(Dialect dialect, Operation operation, String deployment) {}

    private final Vertx vertx;
    private final Recorder recorder;
    private final FaultBook faults;
    private final Supplier<Timing> timing;
    private final AdminApi admin;
    private final OpenAiDialect openAi;
    private final AzureDialect azure;
    private final AnthropicDialect anthropic;
    private final TencentDialect tencent;

    SimRouter(Vertx vertx, Recorder recorder, FaultBook faults, Supplier<Timing> timing, AdminApi admin,
              OpenAiDialect openAi, AzureDialect azure, AnthropicDialect anthropic, TencentDialect tencent) {
        this.vertx = vertx;
        this.recorder = recorder;
        this.faults = faults;
        this.timing = timing;
        this.admin = admin;
        this.openAi = openAi;
        this.azure = azure;
        this.anthropic = anthropic;
        this.tencent = tencent;
    }

    void handle(HttpServerRequest request) {
        if (request.path().startsWith("/_sim/")) {
            admin.handle(request);
            return;
        }
        request.body().onSuccess(body -> dispatch(request, body));
    }

    private void dispatch(HttpServerRequest request, Buffer body) {
        String path = request.path();
        recorder.received(request.method().name(), path, request.query(), request.headers(), body.getBytes());
        Timing now = timing.get();
        Route route = route(request.method(), path, request.getHeader("x-tc-action") != null);
        if (route == null) {
            new Exchange(vertx, request, recorder, now, null, null)
                    .send(openAi.error(404, "Unknown request URL: " + request.method().name() + " " + path + ". (Gatehouse provider simulator)"));
            return;
        }
        Call call = new Call(request.method().name(), path, request.query(), request.params(), request.headers(), body,
                parse(body), route.deployment());
        String model = call.model();
        recorder.model(model);
        Exchange exchange = new Exchange(vertx, request, recorder, now, faults.take(path, model).orElse(null), model);
        if (exchange.playConnectionFault()) return;
        Reply reply;
        if (exchange.hasStatusFault()) {
            reply = exchange.statusFaultReply(route.dialect());
        } else {
            try {
                reply = route.operation().answer(call, now);
            } catch (RuntimeException bug) {
                reply = route.dialect().error(500, "the simulator failed: " + bug);
            }
        }
        exchange.send(reply);
    }

    private Route route(HttpMethod method, String path, boolean tencentAction) {
        if (method == HttpMethod.GET) {
            return path.endsWith("/models") ? new Route(openAi, openAi::models, null) : null;
        }
        if (method != HttpMethod.POST) return null;
        Matcher deployment = AZURE_DEPLOYMENT.matcher(path);
        if (deployment.matches()) {
            String name = URLDecoder.decode(deployment.group(1), StandardCharsets.UTF_8);
            Operation op = deployment.group(2).equals("embeddings") ? azure::deploymentEmbeddings : azure::deploymentChat;
            return new Route(azure, op, name);
        }
        return switch (path) {
            case "/" -> tencentAction ? new Route(tencent, tencent::answer, null) : null;
            case "/v1/messages" -> new Route(anthropic, anthropic::messages, null);
            case "/openai/v1/chat/completions" -> new Route(azure, azure::v1Chat, null);
            case "/openai/v1/embeddings" -> new Route(azure, azure::v1Embeddings, null);
            // OpenAI itself at /v1/..., and OpenAI-compatible presets under their own prefixes
            // (DeepSeek at /chat/completions, Qwen at /compatible-mode/v1/..., Zhipu at /api/paas/v4/...)
            default -> path.endsWith("/chat/completions") ? new Route(openAi, openAi::chat, null)
                    : path.endsWith("/embeddings") ? new Route(openAi, openAi::embeddings, null)
                    : null;
        };
    }

    private static JsonNode parse(Buffer body) {
        if (body.length() == 0) return null;
        try {
            return Json.MAPPER.readTree(body.getBytes());
        } catch (java.io.IOException notJson) {
            return null;
        }
    }
}
