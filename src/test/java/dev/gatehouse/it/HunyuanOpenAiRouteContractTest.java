package dev.gatehouse.it;

/** The chat contract through Hunyuan's OpenAI-compatible API, whose streams carry running usage totals on every chunk ({@code hunyuan-openai}). */
class HunyuanOpenAiRouteContractTest extends ChatContract {
    HunyuanOpenAiRouteContractTest() {
        super(Route.openAiStyle("hunyuan-openai"));
    }
}
