package dev.gatehouse.it;

/** The chat contract through the DeepSeek preset ({@code deepseek-chat}). */
class DeepSeekRouteContractTest extends ChatContract {
    DeepSeekRouteContractTest() {
        super(Route.openAiStyle("deepseek-chat"));
    }
}
