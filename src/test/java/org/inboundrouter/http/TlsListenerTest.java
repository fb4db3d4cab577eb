package org.inboundrouter.http;

import org.inboundrouter.channel.webhook.TestDaemon;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** TLS on a listener from PEM files, and a renewed certificate taken without a restart. */
class TlsListenerTest {

    @TempDir
    Path dir;

    private void selfSigned(String cn, Path cert, Path key) throws Exception {
        Process p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                "-subj", "/CN=" + cn, "-keyout", key.toString(), "-out", cert.toString()).redirectErrorStream(true)
                .start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
    }

    private static String subjectOf(int port) throws Exception {
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, new TrustManager[] {new X509TrustManager() {
            public void checkClientTrusted(X509Certificate[] c, String a) { }
            public void checkServerTrusted(X509Certificate[] c, String a) { }
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        try (SSLSocket s = (SSLSocket) ssl.getSocketFactory().createSocket("127.0.0.1", port)) {
            s.setSoTimeout(5000);
            s.startHandshake();
            String subject = ((X509Certificate) s.getSession().getPeerCertificates()[0]).getSubjectX500Principal()
                    .getName();
            s.getOutputStream().write(("GET /health/live HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 200");
            return subject;
        }
    }

    @Test
    void theAdminListenerServesTlsAndTakesARenewedCertificate() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl is needed to make certs");
        Path cert = dir.resolve("admin.crt");
        Path key = dir.resolve("admin.key");
        selfSigned("first.admin.test", cert, key);
        try (TestDaemon daemon = TestDaemon.start(dir, Map.of(), Map.of(), "inbound.admin.tls.cert=" + cert
                + "\ninbound.admin.tls.key=" + key + "\ninbound.admin.open.health-live=true\n")) {
            assertThat(subjectOf(daemon.adminPort())).isEqualTo("CN=first.admin.test");

            Path newCert = dir.resolve("new.crt");
            Path newKey = dir.resolve("new.key");
            selfSigned("second.admin.test", newCert, newKey);
            Files.move(newKey, key, StandardCopyOption.REPLACE_EXISTING);
            Files.move(newCert, cert, StandardCopyOption.REPLACE_EXISTING);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            String subject = "";
            while (!subject.equals("CN=second.admin.test") && System.nanoTime() < deadline) {
                Thread.sleep(200);
                try {
                    subject = subjectOf(daemon.adminPort());
                } catch (javax.net.ssl.SSLException duringTheSwap) {
                    // Vert.x 4.5 drops a handshake that arrives while the new certificate is being put in place
                }
            }
            assertThat(subject).isEqualTo("CN=second.admin.test");
            // the public listener stays plain HTTP unless configured
            assertThat(HttpSurfaceTest.raw(daemon.port(), "GET /webhooks/x HTTP/1.1\r\nHost: x\r\nConnection: close"
                    + "\r\n\r\n")).startsWith("HTTP/1.1 404");
        }
    }

    @Test
    void tlsNeedsBothFilesAndReadableOnes() {
        java.util.Properties p = new java.util.Properties();
        p.setProperty("inbound.http.tls.cert", dir.resolve("missing.crt").toString());
        List<org.inboundrouter.config.ConfigProblem> problems = new java.util.ArrayList<>();
        HttpSettings.load(p, dir, dir.resolve("application.properties"), problems);
        assertThat(problems).extracting(Object::toString).singleElement().asString()
                .contains("inbound.http.tls.key").contains("needs both");
        p.setProperty("inbound.http.tls.key", dir.resolve("missing.key").toString());
        problems.clear();
        HttpSettings.load(p, dir, dir.resolve("application.properties"), problems);
        assertThat(problems).hasSize(2).allSatisfy(x -> assertThat(x.message()).startsWith("cannot read"));
    }
}
