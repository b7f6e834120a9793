package dev.gatehouse.policy.pii;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.Json;
import dev.gatehouse.api.Operation;
import dev.gatehouse.api.ResponseTextRewriter;
import dev.gatehouse.config.PolicyConfig.PersonalDataConfig;
import dev.gatehouse.pipeline.RequestContext;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * What personal-data handling costs a typical request: a 2 KB chat body (system prompt, a few
 * turns in Chinese and English) scanned with and without personal data in it, parsed and redacted
 * (against the bare parse every request pays anyway), and the per-chunk cost of restoration on a
 * streamed chunk that holds no placeholder (the common case).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PromptScanBenchmark {
    private static final Set<PiiKind> ALL = EnumSet.allOf(PiiKind.class);

    private final Redactor redactor = PersonalDataDetectors.from(new PersonalDataConfig(List.of("张伟", "Jane Doe"), false, true, 0.8));
    private byte[] clean;
    private byte[] withPii;
    private ObjectNode cleanTree;
    private ObjectNode withPiiTree;
    private ResponseTextRewriter restoringRewriter;
    private String chunk;

    @Setup
    public void setUp() throws IOException {
        clean = body(false);
        withPii = body(true);
        cleanTree = (ObjectNode) Json.MAPPER.readTree(clean);
        withPiiTree = (ObjectNode) Json.MAPPER.readTree(withPii);
        RequestContext ctx = context(withPii);
        PromptRedaction.apply(ctx, redactor, ALL, true);
        restoringRewriter = new ResponseTextRewriter(ctx.responseFilter());
        chunk = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,\"model\":\"m\","
                + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\" 您的订单已经\"},\"finish_reason\":null}]}";
        if (clean.length < 1900 || clean.length > 2300 || withPii.length < 1900 || withPii.length > 2300) {
            throw new IllegalStateException("bodies should be about 2 KB: " + clean.length + " / " + withPii.length);
        }
    }

    @Benchmark
    public List<Finding> scan_2k_chat_without_personal_data() {
        return PromptScan.scan(Operation.CHAT, cleanTree, redactor);
    }

    @Benchmark
    public List<Finding> scan_2k_chat_with_personal_data() {
        return PromptScan.scan(Operation.CHAT, withPiiTree, redactor);
    }

    @Benchmark
    public ObjectNode parse_2k_chat_baseline() throws IOException {
        return (ObjectNode) Json.MAPPER.readTree(withPii);
    }

    @Benchmark
    public PromptRedaction.Redacted parse_and_redact_2k_chat_with_personal_data() throws IOException {
        return PromptRedaction.apply(context(withPii), redactor, ALL, true);
    }

    @Benchmark
    public ObjectNode restore_streamed_chunk_without_placeholder() throws IOException {
        ObjectNode c = (ObjectNode) Json.MAPPER.readTree(chunk);
        restoringRewriter.chunk(c);
        return c;
    }

    @Benchmark
    public ObjectNode parse_streamed_chunk_baseline() throws IOException {
        return (ObjectNode) Json.MAPPER.readTree(chunk);
    }

    private static RequestContext context(byte[] body) throws IOException {
        RequestContext ctx = new RequestContext("bench", null, Operation.CHAT, null);
        ctx.request((ObjectNode) Json.MAPPER.readTree(body), null, "m", false, false);
        return ctx;
    }

    /** A customer-service conversation of about 2 KB; with personal data, five values in it. */
    private static byte[] body(boolean personal) {
        String id = personal ? "440305199003071236" : "（已核实）";
        String phone = personal ? "13812345678" : "（未提供）";
        String card = personal ? "6222 0212 3456 7890 128" : "（尾号 0128）";
        String email = personal ? "jane.doe@example.com" : "the address on file";
        String name = personal ? "张伟" : "客户";
        ObjectNode b = Json.MAPPER.createObjectNode().put("model", "qwen-plus").put("temperature", 0.3).put("max_tokens", 512);
        var m = b.putArray("messages");
        m.addObject().put("role", "system").put("content", "You are the customer-service assistant of a retail bank. Answer in the "
                + "customer's language, briefly and politely. Never invent account data; if something is unknown, say so and offer "
                + "to hand the case to a human agent. Order numbers look like 订单号：6228480402564890018; timestamps like "
                + "2024-03-15 12:30:45 or 1710489045008 are not personal data.");
        m.addObject().put("role", "user").put("content", "你好，我是" + name + "，身份证号" + id + "。我昨天在网上商城下了一单，"
                + "订单号：6228480402564890018，下单时间 2024-03-15 12:30:45，但是扣款失败了，请问是什么原因？");
        m.addObject().put("role", "assistant").put("content", "您好！扣款失败通常是因为余额不足、单笔限额或者卡片状态异常。"
                + "请问您使用的是哪张卡？方便提供一下联系电话，以便我们的同事跟进吗？");
        m.addObject().put("role", "user").put("content", "扣款卡是" + card + "，手机 " + phone + "。另外请把处理结果发到 " + email
                + "，谢谢。The order was placed from the mobile app, version 2.13.8, build 20240315.");
        m.addObject().put("role", "assistant").put("content", "Thank you. I have noted the card and the contact details. "
                + "The payment gateway reports a single-transaction limit on this card; the limit can be raised in the app "
                + "under Cards > Limits, or at any branch. Would you like me to retry the payment after you change it?");
        m.addObject().put("role", "user").put("content", "好的，我已经在 App 里把限额调高了，请帮我重新扣款，并告诉我大概什么时候能发货。");
        m.addObject().put("role", "assistant").put("content", "已为您重新发起扣款，银行返回成功。商城一般在付款成功后二十四小时内安排发货，"
                + "节假日可能顺延一到两天。发货后系统会推送物流单号，您也可以在订单详情页查看最新的物流状态。如果超过三天仍未发货，"
                + "请回复本对话，我们会联系商家核实原因，并在必要时为您申请补偿。");
        m.addObject().put("role", "user").put("content", "明白了，谢谢你的帮助。");
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }
}
