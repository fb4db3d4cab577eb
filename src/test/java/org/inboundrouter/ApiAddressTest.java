package org.inboundrouter;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code quarantine list} finds the running daemon's admin listener from the daemon's own config, in an operator's plain shell. */
class ApiAddressTest {

    @TempDir
    Path dir;

    private HttpServer daemon;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @AfterEach
    void stop() {
        if (daemon != null) {
            daemon.stop(0);
        }
    }

    /** Stands in for the daemon's API: an empty quarantine. */
    private int fakeDaemon() throws Exception {
        daemon = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        daemon.createContext("/api/quarantine", exchange -> {
            byte[] body = "[]".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        daemon.start();
        return daemon.getAddress().getPort();
    }

    private int list(String... args) {
        CommandLine cli = new CommandLine(new QuarantineCommand());
        QuarantineCommand.ApiCommand list = cli.getSubcommands().get("list").getCommand();
        list.api.environment = name -> name.equals("INBOUND_ROUTER_TOKEN") ? "some-token" : null;
        list.out = new PrintStream(out, true, StandardCharsets.UTF_8);
        list.err = new PrintStream(err, true, StandardCharsets.UTF_8);
        String[] all = new String[args.length + 1];
        all[0] = "list";
        System.arraycopy(args, 0, all, 1, args.length);
        return cli.execute(all);
    }

    @Test
    void readsTheDaemonsPortFromItsConfigWithoutItsSecrets() throws Exception {
        int port = fakeDaemon();
        Path config = Files.createDirectories(dir.resolve("etc"));
        // as packaging/production: the store password is in secrets.env, which this shell has not loaded
        Files.writeString(config.resolve("application.properties"), "inbound.admin.host=0.0.0.0\n"
                + "inbound.admin.port=" + port + "\ninbound.store.url=jdbc:postgresql://db:5432/x\n"
                + "inbound.store.password=${env:SURELY_NOT_SET_IN_THIS_SHELL}\n"
                + "inbound.store.encryption-key=${file:/nonexistent/key}\n");
        assertThat(list("--config", config.toString())).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("0 entries");
        assertThat(ApiAddress.resolve(null, config).baseUrl()).isEqualTo("http://127.0.0.1:" + port);
    }

    @Test
    void aConfigDirectoryThatIsNotThereIsSaidSoInsteadOfTryingADefaultPort() {
        assertThat(list("--config", dir.resolve("nowhere").toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("inbound-router: " + dir.resolve("nowhere")
                + ": no such config directory; give the daemon's with --config DIR (e.g. /etc/inbound-router), "
                + "or its address with --api URL" + System.lineSeparator());
    }

    @Test
    void bindAddressesBecomeAddressesToConnectTo() {
        assertThat(ApiAddress.reachable("0.0.0.0")).isEqualTo("127.0.0.1");
        assertThat(ApiAddress.reachable("::")).isEqualTo("[::1]");
        assertThat(ApiAddress.reachable("fd00::5")).isEqualTo("[fd00::5]");
        assertThat(ApiAddress.reachable("10.0.0.7")).isEqualTo("10.0.0.7");
        assertThat(ApiAddress.resolve("http://h:1/", dir).baseUrl()).isEqualTo("http://h:1");
    }
}
