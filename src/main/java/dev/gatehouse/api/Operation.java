package dev.gatehouse.api;

/** The OpenAI operations the gateway forwards to providers. */
public enum Operation {
    CHAT("/chat/completions"),
    EMBEDDINGS("/embeddings");

    private final String openAiPath;

    Operation(String openAiPath) { this.openAiPath = openAiPath; }

    /** The path below {@code /v1} that OpenAI-style APIs use for this operation. */
    public String openAiPath() { return openAiPath; }
}
