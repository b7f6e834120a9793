package dev.gatehouse.it;

/** The chat contract through Tencent Hunyuan's signed native API ({@code hunyuan-turbo}): one choice, no logprobs, stop sequences or JSON formats. */
class TencentNativeRouteContractTest extends ChatContract {
    TencentNativeRouteContractTest() {
        super(new Route("hunyuan-turbo", false, false, false, false, false, true));
    }
}
