package dev.gatehouse.it;

/** The chat contract through the Moonshot preset, whose streams report usage inside the last choice ({@code kimi}). */
class KimiRouteContractTest extends ChatContract {
    KimiRouteContractTest() {
        super(Route.openAiStyle("kimi"));
    }
}
