package dev.gatehouse.bench.loadgen;

import java.lang.management.CompilationMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;

/**
 * What the load generator's own JVM did during the measured window: its garbage collections and
 * JIT compilation. Both stop or slow the generator on its core, and every request in flight then
 * looks slower, whichever contender it went to. A report that prints them lets a reader tell a
 * contender's tail from the generator's.
 */
final class SelfCost {
    private final List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
    private final CompilationMXBean compiler = ManagementFactory.getCompilationMXBean();
    private long gcCount0, gcMillis0, jitMillis0;
    private long gcCount, gcMillis, jitMillis;
    private boolean started;

    boolean started() { return started; }

    void start() {
        started = true;
        gcCount0 = gcCount();
        gcMillis0 = gcMillis();
        jitMillis0 = compiler.getTotalCompilationTime();
    }

    void end() {
        if (!started) return;
        gcCount = gcCount() - gcCount0;
        gcMillis = gcMillis() - gcMillis0;
        jitMillis = compiler.getTotalCompilationTime() - jitMillis0;
    }

    /** {@code gen_gc=N gen_gc_ms=M gen_jit_ms=J}: the generator's collections and compile time in the window. */
    String summary() {
        return String.format(Locale.ROOT, "gen_gc=%d gen_gc_ms=%d gen_jit_ms=%d", gcCount, gcMillis, jitMillis);
    }

    private long gcCount() { return collectors.stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).sum(); }

    private long gcMillis() { return collectors.stream().mapToLong(GarbageCollectorMXBean::getCollectionTime).sum(); }
}
