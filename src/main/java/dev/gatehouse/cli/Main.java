package dev.gatehouse.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code gatehouse} command line: one entry point, one subcommand per task. */
@Command(name = "gatehouse", mixinStandardHelpOptions = true, version = "gatehouse 0.1.0",
        description = "A self-hosted, OpenAI-compatible AI-model gateway.",
        subcommands = {ServeCommand.class, SimulateCommand.class, DemoCommand.class,
                CustomersCommand.class, ProjectsCommand.class, KeysCommand.class, AdminKeysCommand.class,
                UsersCommand.class, PricesCommand.class, LimitsCommand.class, CreditsCommand.class, UsageCommand.class,
                ListsCommand.class, ScreenCommand.class, ScreeningCommand.class, KycCommand.class, AuditCommand.class,
                ReportCommand.class, PolicyCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        int code = new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
        if (code != 0) System.exit(code);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
