package org.inboundrouter;

import org.inboundrouter.config.AppSettings;
import org.inboundrouter.config.ConfigException;
import org.inboundrouter.config.Secrets;
import org.inboundrouter.http.AdminTokens;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.concurrent.Callable;

/**
 * {@code inbound-router token create --role read|operate [--name NAME]}: makes a bearer token for the admin listener,
 * adds its hash to the tokens file (the running daemon reads it again within a second) and prints the token, once.
 */
@Command(name = "token", mixinStandardHelpOptions = true, description = "Bearer tokens for the admin API.",
        subcommands = {TokenCommand.Create.class})
final class TokenCommand {

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a token, add its hash to the tokens file and print the token (shown only this once).")
    static final class Create implements Callable<Integer> {

        @Option(names = "--role", required = true, paramLabel = "ROLE",
                description = "read (tickets, messages, raw sources, attachments, quarantine, corrections) or operate"
                        + " (also retries, patches and closes).")
        String role;

        @Option(names = "--name", paramLabel = "NAME",
                description = "Who the token is for, as the audit log and corrections name them (default: ROLE-xxxxxx).")
        String name;

        @Option(names = "--config", paramLabel = "DIR", defaultValue = "config",
                description = "Configuration directory whose tokens file (inbound.admin.tokens) gets the entry"
                        + " (default: ${DEFAULT-VALUE}).")
        Path configDir;

        @Option(names = "--print-only",
                description = "Print the token and the line for the tokens file; change no file.")
        boolean printOnly;

        PrintStream out = System.out;
        PrintStream err = System.err;

        @Override
        public Integer call() {
            if (!role.equals("read") && !role.equals("operate")) {
                err.println("inbound-router: --role must be read or operate, was \"" + role + "\"");
                return 2;
            }
            if (name == null) {
                name = role + "-" + HexFormat.of().formatHex(java.security.SecureRandom.getSeed(3));
            }
            if (!name.matches("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}")) {
                err.println("inbound-router: --name must be letters, digits and . _ @ - (up to 64), was \"" + name + "\"");
                return 2;
            }
            String token = AdminTokens.newToken();
            String line = name + " " + role + " " + AdminTokens.hashOf(token);
            if (printOnly) {
                out.println(token);
                err.println("inbound-router: the tokens file line for it: " + line);
                return 0;
            }
            Path file;
            try {
                file = AppSettings.load(configDir, Secrets.fromSystem()).http().tokensFile();
                AdminTokens existing = AdminTokens.load(file, Secrets.fromSystem());
                if (existing.tokens().stream().anyMatch(t -> t.name().equals(name))) {
                    err.println("inbound-router: " + file + " has a token named " + name + " already; choose another"
                            + " --name, or remove its line first");
                    return 2;
                }
            } catch (ConfigException e) {
                err.println("inbound-router: the configuration has problems:");
                e.problems().forEach(p -> err.println("  " + p));
                return 2;
            }
            try {
                append(file, line);
            } catch (IOException e) {
                err.println("inbound-router: cannot write " + file + ": " + e.getMessage());
                return 2;
            }
            out.println(token);
            err.println("inbound-router: added " + name + " (" + role + ") to " + file + "; the token above is shown"
                    + " only this once (the file keeps its SHA-256). Use it as: Authorization: Bearer TOKEN,"
                    + " or export " + QuarantineCommand.TOKEN_VARIABLE + "=TOKEN for the CLI.");
            return 0;
        }

        private static void append(Path file, String line) throws IOException {
            if (!Files.exists(file)) {
                Path dir = file.toAbsolutePath().getParent();
                Files.createDirectories(dir);
                String header = "# Admin API bearer tokens: name role sha256:HASH (or ${env:NAME} / ${file:/path})."
                        + " Made by inbound-router token create.\n";
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rw-------")));
                } catch (UnsupportedOperationException notPosix) {
                    Files.createFile(file);
                } catch (FileAlreadyExistsException raced) {
                    header = "";
                }
                Files.writeString(file, header, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            }
            String current = Files.readString(file, StandardCharsets.UTF_8);
            String prefix = current.isEmpty() || current.endsWith("\n") ? "" : "\n";
            Files.writeString(file, prefix + line + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        }
    }
}
