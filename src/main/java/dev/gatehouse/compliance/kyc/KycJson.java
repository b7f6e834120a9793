package dev.gatehouse.compliance.kyc;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.gatehouse.api.Json;

import java.io.IOException;
import java.io.Serial;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * The KYC records' JSON, in the store and on the wire: snake_case field names, dates as ISO text
 * (the shared mapper has no java.time module), unknown fields refused so a misspelt field is not lost.
 */
public final class KycJson {
    public static final ObjectMapper MAPPER = Json.MAPPER.copy()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .registerModule(new SimpleModule("kyc-time")
                    .addSerializer(Instant.class, ToStringSerializer.instance)
                    .addSerializer(LocalDate.class, ToStringSerializer.instance)
                    .addSerializer(Enum.class, new LowerCaseEnum())
                    .addDeserializer(LocalDate.class, new DateReader()));

    private KycJson() {}

    /** Enums on the wire as the rest of the API writes them: {@code true_match}, {@code pending_review}, {@code block}. */
    @SuppressWarnings("rawtypes")
    private static final class LowerCaseEnum extends StdSerializer<Enum> {
        @Serial
        private static final long serialVersionUID = 1L;

        LowerCaseEnum() { super(Enum.class); }

        @Override
        public void serialize(Enum value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(value.name().toLowerCase(Locale.ROOT));
        }
    }

    private static final class DateReader extends StdScalarDeserializer<LocalDate> {
        @Serial
        private static final long serialVersionUID = 1L;

        DateReader() { super(LocalDate.class); }

        @Override
        public LocalDate deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
            String text = p.getValueAsString();
            try {
                return LocalDate.parse(text);
            } catch (DateTimeParseException | NullPointerException e) {
                throw ctx.weirdStringException(text, LocalDate.class, "expected a date such as 2030-12-31");
            }
        }
    }
}
