package dev.gatehouse.it;

/** The chat contract through Anthropic's Messages API ({@code claude-sonnet}): one choice, no logprobs. */
class AnthropicRouteContractTest extends ChatContract {
    AnthropicRouteContractTest() {
        super(new Route("claude-sonnet", false, false, false, true, true, true));
    }
}
