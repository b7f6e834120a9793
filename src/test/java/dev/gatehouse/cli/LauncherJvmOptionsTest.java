package dev.gatehouse.cli;

import com.sun.management.HotSpotDiagnosticMXBean;
import io.netty.util.internal.PlatformDependent;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launcher's JVM options ({@code ./gatehouse jvm-options}, which the benchmark uses too) are
 * ones this JDK accepts, and with them Netty reaches its buffers through sun.misc.Unsafe: on JDK
 * 24+ it does not without them, and {@code serve}'s note then says what to pass. On JDK 25+ they
 * also turn on compact object headers.
 */
class LauncherJvmOptionsTest {
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    @Test
    void should_give_netty_unsafe_on_the_jdk_the_launcher_picks() throws Exception {
        String options = launcherOptions();
        int feature = Runtime.version().feature();
        if (feature >= 25) assertThat(options).isEqualTo("--sun-misc-unsafe-memory-access=allow -XX:+UseCompactObjectHeaders");
        else if (feature == 24) assertThat(options).isEqualTo("--sun-misc-unsafe-memory-access=allow");
        else assertThat(options).isEmpty();

        assertThat(run(javaWith(options, NettyUnsafe.class)).strip())
                .as("Netty has Unsafe with the launcher's options, and serve has nothing to say").isEqualTo("true\nnull");
    }

    @Test
    void should_run_with_compact_object_headers_on_jdk_25_and_later() throws Exception {
        String flag = run(javaWith(launcherOptions(), CompactHeaders.class)).strip();
        if (Runtime.version().feature() >= 25) assertThat(flag).isEqualTo("true");
        else assertThat(flag).isNotEqualTo("true"); // JDK 24 has it off (and experimental); 21-23 do not know it
    }

    private static String launcherOptions() throws IOException, InterruptedException {
        return run(List.of("bash", "gatehouse", "jvm-options")).strip();
    }

    /** java with OPTIONS running MAIN on the test's class path. */
    private static List<String> javaWith(String options, Class<?> main) {
        List<String> command = new ArrayList<>(List.of(JAVA));
        if (!options.isEmpty()) command.addAll(List.of(options.split(" ")));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        return command;
    }

    @Test
    void should_show_what_netty_loses_without_them_on_jdk_24_and_later() throws Exception {
        String plain = run(List.of(JAVA, "-cp", System.getProperty("java.class.path"), NettyUnsafe.class.getName())).strip();
        if (Runtime.version().feature() < 24) {
            assertThat(plain).isEqualTo("true\nnull");
            return;
        }
        assertThat(plain).startsWith("false\ngatehouse: note: Netty runs without sun.misc.Unsafe (")
                .endsWith("start the JVM with --sun-misc-unsafe-memory-access=allow, as ./gatehouse does");
    }

    /** Runs a command in the project's root with JAVA_HOME at this test's JDK; returns its standard output. */
    private static String run(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("%s exits cleanly; printed %s", command, out).isZero();
        return out;
    }

    /** Prints whether Netty found sun.misc.Unsafe usable in this JVM, then serve's note about it. */
    public static final class NettyUnsafe {
        public static void main(String[] args) {
            System.out.println(PlatformDependent.hasUnsafe());
            System.out.println(ServeCommand.slowNettyNote());
        }
    }

    /** Prints whether this JVM lays objects out with compact headers, or that it has no such option. */
    public static final class CompactHeaders {
        public static void main(String[] args) {
            HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            String value;
            try {
                value = vm.getVMOption("UseCompactObjectHeaders").getValue();
            } catch (IllegalArgumentException unknown) {
                value = "unknown";
            }
            System.out.println(value);
        }
    }
}
