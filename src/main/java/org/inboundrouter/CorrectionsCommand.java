package org.inboundrouter;

import com.fasterxml.jackson.databind.JsonNode;
import org.inboundrouter.model.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * {@code inbound-router corrections export [--since TIME] [--out FILE]}: the agents' category corrections of a
 * running daemon as labelled examples ({@code text,category}, eval's CSV format), through its HTTP API as
 * {@link QuarantineCommand} does (the daemon holds the store).
 */
@Command(name = "corrections", mixinStandardHelpOptions = true,
        description = "Export the agents' category corrections as labelled examples (needs the daemon running).",
        subcommands = {CorrectionsCommand.Export.class})
final class CorrectionsCommand {

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Write the corrections as CSV text,category (for eval --data and learn --data).")
    static final class Export extends QuarantineCommand.ApiCommand {
        @Option(names = "--since", paramLabel = "TIME",
                description = "Only corrections made at or after TIME (ISO-8601, e.g. 2026-05-01 or 2026-05-01T00:00:00Z).")
        String since;

        @Option(names = "--out", paramLabel = "FILE", description = "Write to FILE instead of standard output.")
        Path outFile;

        @Override
        int run(String base) throws IOException, InterruptedException {
            String url = base + "/api/corrections"
                    + (since == null ? "" : "?since=" + URLEncoder.encode(since, StandardCharsets.UTF_8));
            HttpRequest request = request("GET", url).build();
            HttpResponse<byte[]> response = HttpClient.newHttpClient().send(request,
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() >= 300) {
                String error;
                try {
                    JsonNode body = Json.mapper().readTree(response.body());
                    error = body.path("error").asText("HTTP " + response.statusCode());
                } catch (IOException notJson) {
                    error = "HTTP " + response.statusCode();
                }
                throw new IOException(error);
            }
            byte[] csv = response.body();
            if (outFile == null) {
                out.write(csv);
                out.flush();
                return 0;
            }
            // whole or not at all: a half-written file would be read as a smaller data set
            Path dir = outFile.toAbsolutePath().getParent();
            Path tmp = Files.createTempFile(dir, ".corrections-", ".csv");
            try {
                Files.write(tmp, csv);
                Files.move(tmp, outFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
            err.println("inbound-router: wrote " + outFile + " (" + csv.length + " bytes)");
            return 0;
        }
    }
}
