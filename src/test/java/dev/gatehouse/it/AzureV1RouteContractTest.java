package dev.gatehouse.it;

/** The chat contract through Azure OpenAI's v1 API ({@code gpt-4o-azure-china}). */
class AzureV1RouteContractTest extends ChatContract {
    AzureV1RouteContractTest() {
        super(Route.openAiStyle("gpt-4o-azure-china"));
    }
}
