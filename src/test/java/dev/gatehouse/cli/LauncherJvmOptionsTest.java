package dev.gatehouse.cli;

import io.netty.util.internal.PlatformDependent;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launcher's JVM options ({@code ./gatehouse jvm-options}, which the benchmark uses too) are
 * ones this JDK accepts, and with them Netty reaches its buffers through sun.misc.Unsafe: on JDK
 * 24+ it does not without them, and {@code serve}'s note then says what to pass.
 */
class LauncherJvmOptionsTest {
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    @Test
    void should_give_netty_unsafe_on_the_jdk_the_launcher_picks() throws Exception {
        String options = run(List.of("bash", "gatehouse", "jvm-options")).strip();
        if (Runtime.version().feature() >= 24) assertThat(options).isEqualTo("--sun-misc-unsafe-memory-access=allow");
        else assertThat(options).isEmpty();

        List<String> command = new ArrayList<>(List.of(JAVA));
        if (!options.isEmpty()) command.addAll(List.of(options.split(" ")));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), NettyUnsafe.class.getName()));
        assertThat(run(command).strip()).as("Netty has Unsafe with the launcher's options, and serve has nothing to say").isEqualTo("true\nnull");
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
}
