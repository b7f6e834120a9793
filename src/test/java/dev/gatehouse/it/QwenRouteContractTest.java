package dev.gatehouse.it;

/** The chat contract through the Qwen (DashScope compatible-mode) preset ({@code qwen-plus}). */
class QwenRouteContractTest extends ChatContract {
    QwenRouteContractTest() {
        super(Route.openAiStyle("qwen-plus"));
    }
}
