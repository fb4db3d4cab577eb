package org.inboundrouter.channel.smtp;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The listening socket of one channel: accepts connections, up to {@code maxConnections} at a time, and runs an
 * {@link SmtpSession} on a thread of its own for each. A connection past the limit is answered 421 and closed, which
 * an MTA takes as "try again later".
 */
final class SmtpServer {

    private static final Logger LOG = LoggerFactory.getLogger(SmtpServer.class);
    /** how long stop() lets sessions that are storing a message finish and send their reply */
    private static final long STOP_WAIT_SECONDS = 30;

    private final SmtpListenerConfig config;
    private final SSLContext tls;
    private final MessageSink sink;
    private final Semaphore slots;
    private final Set<SmtpSession> sessions = ConcurrentHashMap.newKeySet();
    private ServerSocket server;
    private ExecutorService workers;
    private Thread acceptor;

    SmtpServer(SmtpListenerConfig config, SSLContext tls, MessageSink sink) {
        this.config = config;
        this.tls = tls;
        this.sink = sink;
        this.slots = new Semaphore(config.maxConnections());
    }

    /** Binds; a port in use or an address not on this machine fails here, so the daemon does not start. */
    synchronized void start() throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        try {
            socket.bind(new InetSocketAddress(InetAddress.getByName(config.host()), config.port()), 50);
        } catch (IOException e) {
            socket.close();
            throw new IOException("smtp " + config.name() + ": cannot listen on " + config.host() + ":"
                    + config.port() + ": " + e.getMessage(), e);
        }
        server = socket;
        AtomicInteger n = new AtomicInteger();
        workers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "smtp-" + config.name() + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        acceptor = new Thread(this::accept, "smtp-" + config.name() + "-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        LOG.info("smtp {}: listening for {} on {}:{}{}", config.name(), config.protocol().name(), config.host(),
                server.getLocalPort(), tls == null ? "" : config.requireTls() ? " (STARTTLS required)" : " (STARTTLS)");
    }

    int localPort() {
        return server.getLocalPort();
    }

    private void accept() {
        ServerSocket socket = server;
        while (!socket.isClosed()) {
            Socket client;
            try {
                client = socket.accept();
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    LOG.warn("smtp {}: accept failed: {}", config.name(), e.toString());
                }
                continue;
            }
            if (!slots.tryAcquire()) {
                refuse(client);
                continue;
            }
            try {
                client.setTcpNoDelay(true);
                SmtpSession session = new SmtpSession(client, config, tls, sink);
                sessions.add(session);
                workers.execute(() -> {
                    try {
                        session.run();
                    } finally {
                        sessions.remove(session);
                        slots.release();
                    }
                });
            } catch (IOException | RuntimeException e) {
                slots.release();
                closeQuietly(client);
                if (!socket.isClosed()) {
                    LOG.warn("smtp {}: could not serve a connection: {}", config.name(), e.toString());
                }
            }
        }
    }

    private void refuse(Socket client) {
        try (client) {
            client.setSoTimeout(1000);
            client.getOutputStream().write(("421 4.7.0 " + config.serverName()
                    + " Too many connections, try again later\r\n").getBytes(StandardCharsets.US_ASCII));
        } catch (IOException ignored) {
            // refused either way
        }
        LOG.warn("smtp {}: refused a connection: already {} (maxConnections)", config.name(),
                config.maxConnections());
    }

    /**
     * Stops listening and closes the connections; a session that is storing a message finishes and sends its reply
     * first, so that what was stored is also acknowledged.
     */
    synchronized void stop() {
        if (server == null) {
            return;
        }
        closeQuietly(server);
        try {
            // once the acceptor is gone no session can be added behind our back
            acceptor.join(TimeUnit.SECONDS.toMillis(5));
            sessions.forEach(SmtpSession::close);
            workers.shutdown();
            if (!workers.awaitTermination(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("smtp {}: sessions still running after {}s; abandoning them", config.name(),
                        STOP_WAIT_SECONDS);
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server = null;
        LOG.info("smtp {}: stopped listening", config.name());
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // nothing else to do
        }
    }
}
