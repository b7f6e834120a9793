package dev.gatehouse.it;

/** The chat contract through the OpenAI route ({@code gpt-4o}). */
class OpenAiRouteContractTest extends ChatContract {
    OpenAiRouteContractTest() {
        super(Route.openAiStyle("gpt-4o"));
    }
}
