package org.inboundrouter.channel.email;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * Sits between the channel and GreenMail on 127.0.0.1 and records the commands the channel sends, so a test can count
 * round trips and see whether IDLE was used. With {@code withoutIdle} it also hides IDLE from the server's
 * capabilities: a server that does not offer it, which GreenMail cannot be configured to be.
 */
final class ImapProxy implements AutoCloseable {

    private static final Pattern IDLE_CAPABILITY = Pattern.compile("(?i) IDLE(?=[ \\]\\r\\n])");

    private final int target;
    private final boolean withoutIdle;
    private final ServerSocket listener;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final List<String> commands = new CopyOnWriteArrayList<>();

    ImapProxy(int target, boolean withoutIdle) throws IOException {
        this.target = target;
        this.withoutIdle = withoutIdle;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        daemon(this::accept);
    }

    int port() {
        return listener.getLocalPort();
    }

    /** How many commands with this name the channel sent ({@code UID FETCH} counts as FETCH). */
    long count(String command) {
        return commands.stream().filter(c -> c.equals(command.toUpperCase(Locale.ROOT))).count();
    }

    private void accept() {
        try {
            while (true) {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), target);
                sockets.add(client);
                sockets.add(server);
                daemon(() -> pump(client, server, true));
                daemon(() -> pump(server, client, false));
            }
        } catch (IOException closed) {
            // the test is over
        }
    }

    private void pump(Socket from, Socket to, boolean fromClient) {
        try (InputStream in = new BufferedInputStream(from.getInputStream());
                OutputStream out = to.getOutputStream()) {
            byte[] line;
            while ((line = readLine(in)) != null) {
                String text = new String(line, StandardCharsets.ISO_8859_1);
                if (fromClient) {
                    record(text);
                } else if (withoutIdle && text.contains("CAPABILITY")) {
                    line = IDLE_CAPABILITY.matcher(text).replaceAll("").getBytes(StandardCharsets.ISO_8859_1);
                }
                out.write(line);
                out.flush();
            }
        } catch (IOException e) {
            // one side closed
        } finally {
            close(from);
            close(to);
        }
    }

    /** "A12 UID FETCH 1:5 (...)" is FETCH; DONE and literal data are no commands. */
    private void record(String line) {
        String[] words = line.trim().split(" ");
        if (words.length >= 2) {
            String verb = words[1].toUpperCase(Locale.ROOT);
            commands.add(verb.equals("UID") && words.length >= 3 ? words[2].toUpperCase(Locale.ROOT) : verb);
        }
    }

    private static byte[] readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int b;
        while ((b = in.read()) != -1) {
            line.write(b);
            if (b == '\n') {
                return line.toByteArray();
            }
        }
        return line.size() == 0 ? null : line.toByteArray();
    }

    /** Drops every connection, as a server restart or a NAT timeout would. */
    void dropConnections() {
        sockets.forEach(ImapProxy::close);
        sockets.clear();
    }

    @Override
    public void close() {
        close(listener);
        dropConnections();
    }

    private static void close(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // already closed
        }
    }

    private static void daemon(Runnable task) {
        Thread thread = new Thread(task, "imap-proxy");
        thread.setDaemon(true);
        thread.start();
    }
}
