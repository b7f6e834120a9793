package dev.gatehouse.api;

import com.fasterxml.jackson.core.JsonGenerator;
import io.vertx.core.buffer.Buffer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Renders a {@link GatewayException} as OpenAI's {@code {"error":{message,type,param,code}}}. */
public final class OpenAiErrors {
    private OpenAiErrors() {}

    public static Buffer body(GatewayException e) {
        return Buffer.buffer(bytes(e));
    }

    public static byte[] bytes(GatewayException e) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(160);
        try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeObjectFieldStart("error");
            g.writeStringField("message", e.getMessage());
            g.writeStringField("type", e.code().type());
            if (e.param() == null) g.writeNullField("param"); else g.writeStringField("param", e.param());
            g.writeStringField("code", e.wireCode());
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException io) {
            throw new UncheckedIOException(io);
        }
        return out.toByteArray();
    }
}
