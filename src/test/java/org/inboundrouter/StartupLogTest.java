package org.inboundrouter;

import org.inboundrouter.config.AppSettings;
import org.inboundrouter.ops.LogFormat;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The start-up log with the shipped logging configuration: the address it really binds, no noise to explain. */
class StartupLogTest {

    @TempDir
    Path dir;

    private static void shippedLogging() throws Exception {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(Path.of("src/main/resources/logback.xml").toUri().toURL());
    }

    @Test
    void namesTheLoopbackAddressItBindsAndCarriesNoFlywayUpgradeWarning() throws Exception {
        int port;
        int admin;
        try (ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                ServerSocket t = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
            admin = t.getLocalPort();
        }
        PrintStream console = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        Daemon daemon = new Daemon(AppSettings.defaults(dir.resolve("data"), port).withAdminPort(admin), List.of());
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            shippedLogging(); // logback.xml with logback-levels.xml, as the jar runs (tests have logback-test.xml)
            daemon.start();
        } finally {
            daemon.stop();
            LogFormat.apply(LogFormat.Format.PLAIN);
            System.setOut(console);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        console.print(log);
        assertThat(log).contains("Webhooks on http://127.0.0.1:" + port + "/webhooks/")
                .contains("Apache Camel").doesNotContain("0.0.0.0")
                .doesNotContain("Flyway upgrade recommended");
    }
}
