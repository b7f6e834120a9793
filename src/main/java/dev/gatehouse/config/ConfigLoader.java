package dev.gatehouse.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the YAML configuration. {@code ${NAME}} and {@code ${NAME:-default}} are replaced by
 * environment variables before parsing, so secrets live in the environment, not in the file;
 * {@code $${} writes a literal {@code ${}, and whole-line comments are left alone. Unknown fields
 * are errors, with their line.
 */
public final class ConfigLoader {
    private static final Pattern VARIABLE = Pattern.compile("\\$(\\$?)\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");
    private static final ObjectMapper YAML = YAMLMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            .build();

    private final Function<String, String> env;

    public ConfigLoader(Function<String, String> env) { this.env = env; }

    public static ConfigLoader fromSystemEnvironment() { return new ConfigLoader(System::getenv); }

    public GatewayConfig load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException("cannot read config " + file + ": " + e.getMessage(), e);
        }
        return parse(text, file.toString());
    }

    public GatewayConfig parse(String yaml, String source) {
        GatewayConfig config = withDefaults(parseDocument(yaml, source, GatewayConfig.class, "config"));
        try {
            config.server().check();
            config.compliance().check();
            config.audit().check();
        } catch (InvalidField e) {
            int line = lineOf(substitute(yaml, source), pointer(e.path()));
            throw new ConfigException(source + ": " + e.path() + (line > 0 ? " (line " + line + ")" : "") + " " + e.getMessage(), e);
        }
        return config;
    }

    /**
     * Reads a document of another shape (a policy file, a rule pack) with the config file's rules:
     * environment substitution, snake_case fields, unknown fields refused with their line.
     */
    public <T> T parseDocument(String yaml, String source, Class<T> type, String what) {
        String expanded = substitute(yaml, source);
        T raw;
        try {
            raw = YAML.readValue(expanded, type);
        } catch (UnrecognizedPropertyException e) {
            throw new ConfigException(source + ": unknown field '" + e.getPropertyName() + "' at line "
                    + lineOf(expanded, e) + " (known: " + e.getKnownPropertyIds() + ")", e);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() != null ? " at line " + e.getLocation().getLineNr() : "";
            throw new ConfigException(source + ": invalid " + what + where + ": " + e.getOriginalMessage(), e);
        }
        if (raw == null) throw new ConfigException(source + ": the " + what + " file is empty");
        return raw;
    }

    /**
     * The line of every field and list element of a YAML document, by JSON pointer
     * ({@code /policy/rules/2/when}), for errors found after binding (an unknown country, a rule
     * that can never match). Unreadable text gives what was read before the fault.
     */
    public static Map<String, Integer> lines(String yaml) {
        Map<String, Integer> out = new LinkedHashMap<>();
        try (JsonParser p = YAML.createParser(yaml)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t == JsonToken.FIELD_NAME) {
                    out.putIfAbsent(p.getParsingContext().pathAsPointer().toString(), p.currentTokenLocation().getLineNr());
                } else if (t == JsonToken.START_OBJECT && p.getParsingContext().getParent() != null
                        && p.getParsingContext().getParent().inArray()) {
                    // an object in a list: its context is already entered, and its path is the element's
                    out.putIfAbsent(p.getParsingContext().pathAsPointer().toString(), p.currentTokenLocation().getLineNr());
                } else if (t.isScalarValue() && p.getParsingContext().inArray()) {
                    out.putIfAbsent(p.getParsingContext().pathAsPointer().toString(), p.currentTokenLocation().getLineNr());
                }
            }
        } catch (IOException unreadable) {
            // binding has reported the fault already; keep the lines read so far
        }
        return out;
    }

    private static GatewayConfig withDefaults(GatewayConfig c) {
        Defaults d = c.defaults() != null ? c.defaults() : new Defaults(null, null, null, null);
        Defaults defaults = new Defaults(
                d.retry() != null ? d.retry().over(RetryConfig.DEFAULTS) : RetryConfig.DEFAULTS,
                d.failoverOn() != null ? List.copyOf(d.failoverOn()) : Defaults.FAILOVER_ON,
                d.breaker() != null ? d.breaker().over(BreakerConfig.DEFAULTS) : BreakerConfig.DEFAULTS,
                d.timeouts() != null ? d.timeouts().over(Timeouts.DEFAULTS) : Timeouts.DEFAULTS);
        return new GatewayConfig(
                c.server() != null ? c.server().over(ServerConfig.DEFAULTS) : ServerConfig.DEFAULTS,
                c.apiKeys() != null ? List.copyOf(c.apiKeys()) : List.of(),
                c.providers() != null ? new LinkedHashMap<>(c.providers()) : Map.of(),
                c.routes() != null ? new LinkedHashMap<>(c.routes()) : Map.of(),
                defaults,
                c.store() != null ? c.store().over(StoreConfig.DEFAULTS) : StoreConfig.DEFAULTS,
                c.metering() != null ? c.metering().over(MeteringConfig.DEFAULTS) : MeteringConfig.DEFAULTS,
                c.security() != null ? c.security().over(SecurityConfig.DEFAULTS) : SecurityConfig.DEFAULTS,
                c.controls() != null ? c.controls().over(ControlsConfig.DEFAULTS) : ControlsConfig.DEFAULTS,
                c.policy() != null ? c.policy().over(PolicyConfig.DEFAULTS) : PolicyConfig.DEFAULTS,
                c.compliance() != null ? c.compliance().over(ComplianceConfig.DEFAULTS) : ComplianceConfig.DEFAULTS,
                c.audit() != null ? c.audit().over(AuditConfig.DEFAULTS) : AuditConfig.DEFAULTS);
    }

    /**
     * The line of the field an error is about. Jackson's own location is where the YAML parser had
     * read ahead to (the next key, blank lines included), so the field's path is looked up again.
     */
    private static int lineOf(String yaml, JsonMappingException e) {
        JsonPointer target = JsonPointer.empty();
        for (JsonMappingException.Reference r : e.getPath()) {
            target = r.getFieldName() != null ? target.appendProperty(r.getFieldName()) : target.appendIndex(r.getIndex());
        }
        int line = lineOf(yaml, target);
        return line > 0 ? line : e.getLocation().getLineNr();
    }

    private static JsonPointer pointer(String dottedPath) {
        JsonPointer target = JsonPointer.empty();
        for (String name : dottedPath.split("\\.")) target = target.appendProperty(name);
        return target;
    }

    /** The line where the field at {@code target} is written, or 0 if it is not (a default). */
    private static int lineOf(String yaml, JsonPointer target) {
        try (JsonParser p = YAML.createParser(yaml)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t == JsonToken.FIELD_NAME && p.getParsingContext().pathAsPointer().equals(target)) {
                    return p.currentTokenLocation().getLineNr();
                }
            }
        } catch (IOException unreadable) {
            // the caller falls back
        }
        return 0;
    }

    private String substitute(String text, String source) {
        StringBuilder out = new StringBuilder(text.length());
        int line = 0;
        for (String l : text.split("\n", -1)) {
            line++;
            if (line > 1) out.append('\n');
            // whole-line comments may mention ${VARS} as documentation; they are never substituted
            out.append(l.stripLeading().startsWith("#") ? l : substituteLine(l, line, source));
        }
        return out.toString();
    }

    private String substituteLine(String text, int line, String source) {
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            String replacement;
            if (!m.group(1).isEmpty()) {
                replacement = m.group().substring(1); // "$${X}" stays "${X}"
            } else {
                String value = env.apply(m.group(2));
                if (value == null) value = m.group(3);
                if (value == null) {
                    throw new ConfigException(source + ": environment variable " + m.group(2)
                            + " is not set (line " + line + "); set it or write ${" + m.group(2) + ":-default}");
                }
                replacement = value;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
