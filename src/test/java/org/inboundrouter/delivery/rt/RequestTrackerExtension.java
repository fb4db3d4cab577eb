package org.inboundrouter.delivery.rt;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Request Tracker 5 for one test class, through the project's own scripts: {@code scripts/rt/install.sh} (only
 * when RT is installed already, where it is a quick check, or when {@code CI} is set, where it may install), then
 * {@code start.sh} on a free port in a temporary directory, and {@code stop.sh} after the class. Without RT and
 * without {@code CI} the class is skipped, not failed: installing takes a minute, root and a package mirror.
 *
 * <pre>{@code @RegisterExtension static final RequestTrackerExtension RT = new RequestTrackerExtension();}</pre>
 */
public final class RequestTrackerExtension implements BeforeAllCallback, AfterAllCallback {

    private static final Path RT_SERVER = Path.of("/usr/share/request-tracker5/libexec/rt-server");
    private static final Path SCRIPTS = Path.of("scripts", "rt").toAbsolutePath();

    private Path dir;
    private int port;
    private URI baseUrl;
    private String username;
    private String password;
    private String token;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        boolean ci = System.getenv("CI") != null && !System.getenv("CI").isBlank();
        Assumptions.assumeTrue(ci || Files.isExecutable(RT_SERVER), "Request Tracker 5 is not installed: run "
                + "scripts/rt/install.sh as root, or set CI=1 to let the tests install it; skipping "
                + context.getDisplayName());
        long t0 = System.nanoTime();
        run(List.of("sh", SCRIPTS.resolve("install.sh").toString()), 600);
        long t1 = System.nanoTime();
        dir = Files.createTempDirectory("rt-test-");
        port = freePort();
        String url = run(List.of("sh", SCRIPTS.resolve("start.sh").toString(), dir.toString(), Integer.toString(port)),
                120).strip();
        long t2 = System.nanoTime();
        baseUrl = URI.create(url.lines().reduce((a, b) -> b).orElseThrow());
        username = read("api-user");
        password = read("api-password");
        token = read("api-token");
        System.out.printf("RT: install.sh %d ms, start.sh (new instance) %d ms, %s%n",
                TimeUnit.NANOSECONDS.toMillis(t1 - t0), TimeUnit.NANOSECONDS.toMillis(t2 - t1), baseUrl);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (dir == null) {
            return;
        }
        try {
            stop();
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
            dir = null;
        }
    }

    /** Stops RT now (a test of an outage); stopping again after the class is harmless. */
    public void stop() throws IOException, InterruptedException {
        run(List.of("sh", SCRIPTS.resolve("stop.sh").toString(), dir.toString()), 30);
    }

    /** Starts RT again after {@link #stop()}, on the same port and database; returns how long start.sh took (ms). */
    public long start() throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        run(List.of("sh", SCRIPTS.resolve("start.sh").toString(), dir.toString(), Integer.toString(port)), 120);
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    }

    /** The instance's directory (database, {@code rt.log}, credentials). */
    public Path dir() {
        return dir;
    }

    /** RT's {@code root} password: an admin, for changing custom fields in a test. */
    public String rootPassword() throws IOException {
        return read("root-password");
    }

    public URI baseUrl() {
        return baseUrl;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    public String token() {
        return token;
    }

    private String read(String file) throws IOException {
        return Files.readString(dir.resolve(file), StandardCharsets.UTF_8).strip();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Runs a script, returns its stdout; its stderr goes to ours. Fails on a non-zero exit or after timeout. */
    private static String run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        // a file, not a pipe: reading a pipe would block past the timeout if the script hung with it open
        Path out = Files.createTempFile("rt-script-", ".out");
        try {
            Process p = new ProcessBuilder(new ArrayList<>(command)).redirectOutput(out.toFile())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).redirectInput(ProcessBuilder.Redirect.from(
                            new File("/dev/null"))).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(command + " did not finish within " + timeoutSeconds + " s");
            }
            String stdout = Files.readString(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IllegalStateException(command + " failed with exit code " + p.exitValue() + ": " + stdout);
            }
            return stdout;
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
