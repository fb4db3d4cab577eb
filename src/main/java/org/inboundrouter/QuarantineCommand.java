package org.inboundrouter;

import com.fasterxml.jackson.databind.JsonNode;
import org.inboundrouter.config.ConfigException;
import org.inboundrouter.model.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * {@code inbound-router quarantine list | show ID | retry ID | retry --all}: works the quarantine of a running daemon
 * through its HTTP API (the daemon holds the store; an embedded store cannot be opened twice).
 */
@Command(name = "quarantine", mixinStandardHelpOptions = true,
        description = "List, inspect and retry what could not be parsed, stored or delivered (needs the daemon running).",
        subcommands = {QuarantineCommand.List.class, QuarantineCommand.Show.class, QuarantineCommand.Retry.class})
final class QuarantineCommand {

    /** The environment variable the API commands read their bearer token from. */
    static final String TOKEN_VARIABLE = "INBOUND_ROUTER_TOKEN";

    /**
     * Where the daemon's API is (--api, else the admin listener in the config directory) and the bearer token to call
     * it with: --token-file, else the {@value #TOKEN_VARIABLE} environment variable.
     */
    static final class Api {
        @Option(names = "--api", paramLabel = "URL",
                description = "The daemon's admin listener, e.g. http://127.0.0.1:8081 (default: from --config).")
        String api;

        @Option(names = "--config", paramLabel = "DIR", defaultValue = "config",
                description = "The daemon's configuration directory, to read the admin listener's address from "
                        + "(default: ${DEFAULT-VALUE}); secrets need not be set.")
        Path configDir;

        @Option(names = "--token-file", paramLabel = "FILE",
                description = "File holding the bearer token (default: the " + TOKEN_VARIABLE + " environment variable).")
        Path tokenFile;

        java.util.function.Function<String, String> environment = System::getenv;

        String base() {
            return ApiAddress.resolve(api, configDir).baseUrl();
        }

        /** The token, or null when none is given. */
        String token() throws IOException {
            if (tokenFile != null) {
                String t = java.nio.file.Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
                if (t.isEmpty()) {
                    throw new IOException(tokenFile + " is empty");
                }
                return t;
            }
            String t = environment.apply(TOKEN_VARIABLE);
            return t == null || t.isBlank() ? null : t.strip();
        }
    }

    abstract static class ApiCommand implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        Api api = new Api();

        PrintStream out = System.out;
        PrintStream err = System.err;

        @Override
        public Integer call() {
            String base;
            try {
                base = api.base();
            } catch (ConfigException e) {
                e.problems().forEach(p -> err.println("inbound-router: " + p));
                return 2;
            }
            try {
                token = api.token();
                if (token == null) {
                    err.println("inbound-router: the API needs a token: set " + TOKEN_VARIABLE + " or give"
                            + " --token-file (create one with inbound-router token create --role read|operate)");
                    return 2;
                }
                return run(base);
            } catch (ConnectException e) {
                err.println("inbound-router: no daemon answers at " + base + " (is it running? see --api)");
                return 2;
            } catch (IOException e) {
                err.println("inbound-router: " + base + ": " + e.getMessage());
                return 2;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 2;
            }
        }

        private String token;

        abstract int run(String base) throws IOException, InterruptedException;

        /** A request to the API with the token; a change carries an empty JSON object (the API takes only JSON). */
        HttpRequest.Builder request(String method, String url) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(5))
                    .header("Authorization", "Bearer " + token);
            if (method.equals("GET")) {
                return b.GET();
            }
            return b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString("{}"));
        }

        JsonNode send(String method, String url) throws IOException, InterruptedException {
            HttpRequest request = request(method, url).build();
            HttpResponse<String> response = HttpClient.newHttpClient().send(request,
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            JsonNode body = Json.mapper().readTree(response.body());
            if (response.statusCode() >= 300) {
                throw new IOException(body.path("error").asText("HTTP " + response.statusCode()));
            }
            return body;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List quarantine entries, newest first.")
    static final class List extends ApiCommand {
        @Option(names = "--status", paramLabel = "STATUS", defaultValue = "open",
                description = "open (default), retried, resolved, or all.")
        String status;

        @Override
        int run(String base) throws IOException, InterruptedException {
            JsonNode entries = send("GET", base + "/api/quarantine?limit=500"
                    + (status.equals("all") ? "" : "&status=" + status));
            out.printf("%-6s %-9s %-9s %-22s %-20s %s%n", "ID", "STATUS", "STAGE", "CHANNEL", "SINCE", "REASON");
            for (JsonNode e : entries) {
                String reason = e.path("reason").asText();
                out.printf("%-6d %-9s %-9s %-22s %-20s %s%n", e.path("id").asLong(), e.path("status").asText(),
                        e.path("stage").asText(), e.path("channel").path("kind").asText() + "/"
                                + e.path("channel").path("name").asText(),
                        e.path("createdAt").asText().replaceFirst("\\.\\d+Z$", "Z"),
                        reason.length() > 100 ? reason.substring(0, 100) + "..." : reason);
            }
            out.println(entries.size() + " entr" + (entries.size() == 1 ? "y" : "ies"));
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one entry in full.")
    static final class Show extends ApiCommand {
        @Parameters(paramLabel = "ID")
        long id;

        @Override
        int run(String base) throws IOException, InterruptedException {
            out.println(Json.mapper().writerWithDefaultPrettyPrinter()
                    .writeValueAsString(send("GET", base + "/api/quarantine/" + id)));
            out.println("raw source: " + base + "/api/raw/"
                    + send("GET", base + "/api/quarantine/" + id).path("rawRef").asText().replace("sha256:", ""));
            return 0;
        }
    }

    @Command(name = "retry", mixinStandardHelpOptions = true,
            description = "Retry one entry, or every open one with --all, once the cause is fixed.")
    static final class Retry extends ApiCommand {
        @Parameters(paramLabel = "ID", arity = "0..1")
        Long id;

        @Option(names = "--all", description = "Retry every open entry, oldest first.")
        boolean all;

        @Override
        int run(String base) throws IOException, InterruptedException {
            if (all == (id != null)) {
                err.println("inbound-router: give either an ID or --all");
                return 2;
            }
            JsonNode results = all ? send("POST", base + "/api/quarantine/retry-all")
                    : Json.mapper().createArrayNode().add(send("POST", base + "/api/quarantine/" + id + "/retry"));
            int failed = 0;
            for (JsonNode r : results) {
                String status = r.path("status").asText();
                failed += status.equals("resolved") || status.equals("retried") ? 0 : 1;
                out.printf("#%d %s: %s%n", r.path("id").asLong(), status, r.path("detail").asText());
            }
            if (results.isEmpty()) {
                out.println("nothing open in the quarantine");
            }
            return failed == 0 ? 0 : 1;
        }
    }
}
