package org.inboundrouter.delivery.rt;

import com.sun.net.httpserver.HttpServer;
import org.inboundrouter.config.Secret;
import org.inboundrouter.delivery.DeliveryException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How the sink classifies failures that a healthy RT never shows: a stand-in server answers instead. */
class RtClientFailureTest {

    private HttpServer server;
    private ServerSocket silent;

    @AfterEach
    void stop() throws IOException {
        if (server != null) {
            server.stop(0);
        }
        if (silent != null) {
            silent.close();
        }
    }

    private RtSink sinkAnswering(int status, String contentType, String body, AtomicReference<String> auth)
            throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            auth.set(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        return sink(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), Duration.ofSeconds(5));
    }

    private static RtSink sink(URI base, Duration timeout) {
        return new RtSink("rt", new RtSinkConfig(base, "Support", "inbound-router", new Secret("pw", "literal"), null,
                "customers.invalid", timeout, RtPriorities.defaults()));
    }

    @Test
    void fiveHundredsAndTooManyRequestsAreTransientOtherClientErrorsPermanent() throws IOException {
        AtomicReference<String> auth = new AtomicReference<>();
        RtSink unavailable = sinkAnswering(503, "application/json", "{\"message\":\"down\"}", auth);
        assertThatThrownBy(() -> unavailable.find(1)).isInstanceOfSatisfying(DeliveryException.class,
                e -> assertThat(e.permanent()).isFalse());
        assertThat(auth.get()).isEqualTo("Basic aW5ib3VuZC1yb3V0ZXI6cHc=");
        stop();

        RtSink notFound = sinkAnswering(404, "application/json", "{\"message\":\"Not Found\"}", auth);
        assertThatThrownBy(() -> notFound.find(1)).isInstanceOfSatisfying(DeliveryException.class, e -> {
            assertThat(e.permanent()).isTrue();
            assertThat(e.remoteAnswer()).isEqualTo("HTTP 404 {\"message\":\"Not Found\"}");
        });
    }

    @Test
    void anHtmlPageInsteadOfJsonIsTransient() throws IOException {
        // what RT's web installer answers when its database is unusable
        RtSink installer = sinkAnswering(200, "text/html", "<html>RT setup</html>", new AtomicReference<>());
        assertThatThrownBy(() -> installer.find(1)).isInstanceOfSatisfying(DeliveryException.class, e -> {
            assertThat(e.permanent()).isFalse();
            assertThat(e.getMessage()).contains("not JSON");
        });
    }

    @Test
    void aServerThatNeverAnswersTimesOutTransiently() throws IOException {
        silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        RtSink sink = sink(URI.create("http://127.0.0.1:" + silent.getLocalPort()), Duration.ofMillis(300));
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> sink.find(1)).isInstanceOfSatisfying(DeliveryException.class,
                e -> assertThat(e.permanent()).isFalse());
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aRemoteIdThatIsNotAnRtIdIsPermanent() {
        RtSink sink = sink(URI.create("http://127.0.0.1:9"), Duration.ofMillis(300));
        assertThatThrownBy(() -> sink.append("abc", null, null)).isInstanceOfSatisfying(DeliveryException.class,
                e -> assertThat(e.permanent()).isTrue());
    }
}
