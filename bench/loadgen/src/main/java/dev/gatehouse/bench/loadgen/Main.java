package dev.gatehouse.bench.loadgen;

import java.util.Arrays;

/**
 * The benchmark's helpers, one JVM each:
 * <ul>
 *   <li>{@code rate}: constant-rate (open model) load with latency from the intended start;</li>
 *   <li>{@code idle-upstream}: an upstream that sends one SSE chunk and then stays silent;</li>
 *   <li>{@code idle-streams}: holds N streaming requests open and reads a process's RSS;</li>
 *   <li>{@code vertx-proxy}: the bare Vert.x proxy contender (run on Gatehouse's jar, see there);</li>
 *   <li>{@code report}: turns a run's results into the Markdown report and chart data.</li>
 * </ul>
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: loadgen rate|idle-upstream|idle-streams|vertx-proxy|report [--option value ...]");
            System.exit(2);
        }
        Args a = Args.parse(Arrays.copyOfRange(args, 1, args.length));
        switch (args[0]) {
            case "rate" -> OpenLoop.run(a);
            case "idle-upstream" -> IdleUpstream.run(a);
            case "idle-streams" -> IdleStreams.run(a);
            case "vertx-proxy" -> VertxProxy.run(a);
            case "report" -> Report.run(a);
            default -> {
                System.err.println("unknown command " + args[0]);
                System.exit(2);
            }
        }
    }
}
