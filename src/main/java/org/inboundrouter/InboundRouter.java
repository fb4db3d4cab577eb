package org.inboundrouter;

import org.inboundrouter.classify.ClassifyCommand;
import org.inboundrouter.classify.EvalCommand;
import org.inboundrouter.classify.learn.LearnCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.Set;

/** The {@code inbound-router} command. With no subcommand it runs the daemon: {@code run} is the default. */
@Command(name = "inbound-router", mixinStandardHelpOptions = true, versionProvider = InboundRouter.Version.class,
        description = "Turns inbound support traffic (email, SMS, social DMs, web forms) into classified tickets.",
        subcommands = {RunCommand.class, ClassifyCommand.class, EvalCommand.class, LearnCommand.class,
                QuarantineCommand.class, CorrectionsCommand.class, TokenCommand.class, ValidateCommand.class})
public final class InboundRouter {

    private static final Set<String> TOP_LEVEL = Set.of("-h", "--help", "-V", "--version", "help");

    public static void main(String[] args) {
        // Avoids a ServiceLoader classpath scan on every header parse in jakarta.mail-api 2.1 (issue 861): a big
        // difference in fetch rates; see ../shared/notes/imap-performance.md.
        System.setProperty("jakarta.mail.util.StreamProvider", "org.eclipse.angus.mail.util.MailStreamProvider");
        System.exit(new CommandLine(new InboundRouter()).execute(withDefaultSubcommand(args)));
    }

    /** {@code inbound-router --data-dir x} means {@code inbound-router run --data-dir x}. */
    static String[] withDefaultSubcommand(String[] args) {
        CommandLine cli = new CommandLine(new InboundRouter());
        if (args.length > 0 && (cli.getSubcommands().containsKey(args[0]) || TOP_LEVEL.contains(args[0]))) {
            return args;
        }
        String[] withRun = new String[args.length + 1];
        withRun[0] = "run";
        System.arraycopy(args, 0, withRun, 1, args.length);
        return withRun;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = InboundRouter.class.getPackage().getImplementationVersion();
            return new String[] {"inbound-router " + (v == null ? "development build" : v)};
        }
    }

}
