package org.inboundrouter.http;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.inboundrouter.channel.webhook.Hmac;
import org.inboundrouter.channel.webhook.TestDaemon;
import org.inboundrouter.model.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 15 item 4: idle and slow connections are closed, connections are capped, client aborts are no ERROR. */
class ConnectionLimitsTest {

    private static final String KEY = "limits-test-hmac-key";

    @TempDir
    Path dir;

    private TestDaemon daemon;
    private final List<Socket> sockets = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (Socket s : sockets) {
            s.close();
        }
        if (daemon != null) {
            daemon.close();
        }
    }

    private void start(String properties) throws Exception {
        daemon = TestDaemon.start(dir, Map.of("GW_KEY", KEY), Map.of("gw", """
                kind: sms-gateway
                auth: hmac
                secret: ${env:GW_KEY}
                """), properties);
    }

    private Socket open(int port) throws IOException {
        Socket s = new Socket();
        sockets.add(s);
        s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        return s;
    }

    private HttpResponse<String> sms(String id) throws Exception {
        byte[] body = Json.mapper().createObjectNode().put("id", id).put("from", "+8613800000099")
                .put("text", "我昨天充值了500元但是显示充值失败").toString().getBytes(StandardCharsets.UTF_8);
        return daemon.post("/webhooks/gw", "application/json",
                Map.of("X-Signature", Hmac.hex(Hmac.sha256(KEY, body))), body);
    }

    /** True when the server closed the connection within {@code millis} (end of stream or reset). */
    private static boolean closedWithin(Socket s, long millis) throws IOException {
        long deadline = System.currentTimeMillis() + millis;
        InputStream in = s.getInputStream();
        byte[] buf = new byte[4096];
        while (true) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return false;
            }
            s.setSoTimeout((int) left);
            try {
                if (in.read(buf) < 0) {
                    return true;
                }
            } catch (SocketTimeoutException e) {
                return false;
            } catch (java.net.SocketException e) {
                return true;
            }
        }
    }

    @Test
    void fiveHundredIdleOrHalfSentConnectionsAreClosedWhileASignedWebhookStillGetsIts200() throws Exception {
        start("inbound.http.idle-timeout=1s\ninbound.http.header-timeout=2s\n");
        int port = daemon.port();
        long t0 = System.currentTimeMillis();
        for (int i = 0; i < 500; i++) {
            Socket s = open(port);
            switch (i % 3) {
                case 0 -> { } // connects and says nothing
                case 1 -> s.getOutputStream().write("POST /webhooks/gw HTTP/1.1\r\nHost: x\r\n"
                        .getBytes(StandardCharsets.US_ASCII)); // headers never finished
                default -> s.getOutputStream().write(("POST /webhooks/gw HTTP/1.1\r\nHost: x\r\nContent-Type: "
                        + "application/json\r\nContent-Length: 1000\r\n\r\n{\"id\":").getBytes(StandardCharsets.US_ASCII));
            }
        }
        HttpResponse<String> answer = sms("idle-1");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        for (Socket s : sockets) {
            assertThat(closedWithin(s, Math.max(100, t0 + 6000 - System.currentTimeMillis())))
                    .as("connection %d closed within the idle timeout (and slack)", sockets.indexOf(s)).isTrue();
        }
        assertThat(System.currentTimeMillis() - t0).isLessThan(8000);
        assertThat(daemon.tickets()).hasSize(1);
    }

    @Test
    void aConnectionThatTricklesItsHeadersIsClosedAfterTheHeaderTimeout() throws Exception {
        start("inbound.admin.idle-timeout=30s\ninbound.admin.header-timeout=1s\n");
        Socket s = open(daemon.adminPort());
        long t0 = System.currentTimeMillis();
        // a byte every 300 ms keeps the idle timeout at bay, not the header timeout
        boolean closed = false;
        for (int i = 0; i < 15 && !closed; i++) {
            try {
                s.getOutputStream().write('G');
                s.getOutputStream().flush();
            } catch (IOException e) {
                closed = true;
                break;
            }
            closed = closedWithin(s, 300);
        }
        assertThat(closed).isTrue();
        assertThat(System.currentTimeMillis() - t0).isBetween(800L, 3000L);
    }

    @Test
    void connectionsPastTheCapAreRefusedAndTheOthersKeepWorking() throws Exception {
        start("inbound.admin.max-connections=3\n");
        int admin = daemon.adminPort();
        List<Socket> held = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            held.add(open(admin));
        }
        Thread.sleep(200);
        Socket fourth = open(admin);
        assertThat(closedWithin(fourth, 2000)).as("the fourth connection is closed at once").isTrue();
        for (Socket h : held) {
            assertThat(closedWithin(h, 100)).isFalse();
        }
        assertThat(HttpSurfaceTest.raw(daemon.port(), "GET /webhooks/gw HTTP/1.1\r\nHost: x\r\nConnection: close"
                + "\r\n\r\n")).as("the public listener has its own cap").startsWith("HTTP/1.1");
        held.get(0).close();
        Thread.sleep(300);
        assertThat(HttpSurfaceTest.raw(admin, "GET /api/tickets HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                + TestDaemon.READ_TOKEN + "\r\nConnection: close\r\n\r\n")).startsWith("HTTP/1.1 200");
    }

    @Test
    void aClientThatGoesAwayMidRequestLeavesNoErrorLine() throws Exception {
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(logs);
        try {
            start("");
            assertThat(sms("abort-0").statusCode()).isEqualTo(200);
            for (int i = 0; i < 20; i++) {
                Socket s = open(i % 2 == 0 ? daemon.port() : daemon.adminPort());
                String request = i % 2 == 0
                        ? "POST /webhooks/gw HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                                + "Content-Length: 5000\r\n\r\n{\"id\":\"abc\","
                        : "GET /api/tickets HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                                + TestDaemon.READ_TOKEN + "\r\n\r\n";
                s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                s.setSoLinger(true, 0); // a reset, as a client that is killed
                s.close();
            }
            Thread.sleep(500);
            assertThat(sms("abort-1").statusCode()).isEqualTo(200);
            assertThat(logs.list).noneSatisfy(e -> assertThat(e.getLevel()).isEqualTo(Level.ERROR));
        } finally {
            root.detachAppender(logs);
        }
    }
}
