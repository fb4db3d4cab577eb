package org.inboundrouter.channel.smtp;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A client that writes exactly the bytes it is given and reads replies one at a time, for the protocol's edge
 * cases (pipelining, dot-stuffing, bare line feeds, connections dropped at the wrong moment) that a mail library
 * would smooth over.
 */
final class RawSmtpClient implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    RawSmtpClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(30_000);
        // without it, a small write that follows another waits for the server's delayed ACK (Nagle): 40 ms each
        socket.setTcpNoDelay(true);
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** The next reply, all its lines, each without CRLF; empty when the server closed the connection. */
    List<String> reply() throws IOException {
        List<String> lines = new ArrayList<>();
        while (true) {
            String line = line();
            if (line == null) {
                return lines;
            }
            lines.add(line);
            if (line.length() < 4 || line.charAt(3) != '-') {
                return lines;
            }
        }
    }

    /** The last line of the next reply, e.g. {@code 250 2.1.0 Ok}; null when the connection was closed. */
    String next() throws IOException {
        List<String> r = reply();
        return r.isEmpty() ? null : r.get(r.size() - 1);
    }

    /** Sends {@code line} with CRLF and returns the last line of the reply. */
    String command(String line) throws IOException {
        send(line + "\r\n");
        return next();
    }

    void send(String text) throws IOException {
        send(text.getBytes(StandardCharsets.UTF_8));
    }

    void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** MAIL, RCPT (each), DATA with {@code message} dot-stuffed and terminated; returns the replies to the data. */
    List<String> transaction(String from, List<String> to, byte[] message, int replies) throws IOException {
        expect(command("MAIL FROM:<" + from + ">"), "250");
        for (String rcpt : to) {
            expect(command("RCPT TO:<" + rcpt + ">"), "250");
        }
        expect(command("DATA"), "354");
        send(dotStuffed(message));
        send(".\r\n");
        List<String> result = new ArrayList<>();
        for (int i = 0; i < replies; i++) {
            result.add(next());
        }
        return result;
    }

    static void expect(String reply, String code) {
        if (reply == null || !reply.startsWith(code)) {
            throw new AssertionError("expected " + code + ", got " + reply);
        }
    }

    /** The message as SMTP carries it: lines that begin with a dot get a second one, and it ends with CRLF. */
    static byte[] dotStuffed(byte[] message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(message.length + 16);
        boolean lineStart = true;
        for (byte b : message) {
            if (lineStart && b == '.') {
                out.write('.');
            }
            out.write(b);
            lineStart = b == '\n';
        }
        if (message.length < 2 || message[message.length - 2] != '\r' || message[message.length - 1] != '\n') {
            out.write('\r');
            out.write('\n');
        }
        return out.toByteArray();
    }

    boolean closedByServer() throws IOException {
        return in.read() < 0;
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, n, StandardCharsets.UTF_8);
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
