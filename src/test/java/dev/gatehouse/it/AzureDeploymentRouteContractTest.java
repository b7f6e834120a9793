package dev.gatehouse.it;

/** The chat contract through Azure OpenAI deployment URLs ({@code gpt-4o-azure}, deployment {@code gpt-4o.2024-08-06}). */
class AzureDeploymentRouteContractTest extends ChatContract {
    AzureDeploymentRouteContractTest() {
        super(Route.openAiStyle("gpt-4o-azure"));
    }
}
