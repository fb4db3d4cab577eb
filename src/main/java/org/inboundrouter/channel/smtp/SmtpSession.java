package org.inboundrouter.channel.smtp;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One client connection, SMTP (RFC 5321 with PIPELINING, SIZE, 8BITMIME, ENHANCEDSTATUSCODES, SMTPUTF8, STARTTLS)
 * or LMTP (RFC 2033: LHLO, and after DATA one reply per accepted recipient). Runs on its own thread; a message is
 * answered only after {@link MessageSink#store} returned, so 250 means stored and 451 means "offer it again".
 */
final class SmtpSession implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(SmtpSession.class);
    private static final Logger INBOUND = LoggerFactory.getLogger("inbound");

    /** RFC 5321 §4.5.3.1.4 allows 512; extension parameters and UTF-8 addresses can take more */
    static final int MAX_COMMAND_LINE = 2048;
    /** RFC 5321 §4.5.3.1.8: at least 100 must be accepted; more are refused with 452 and sent in a later transaction */
    static final int MAX_RECIPIENTS = 100;
    /** Mistakes in a row before the connection is closed: a client this confused is not an MTA. */
    static final int MAX_ERRORS = 10;
    private static final Set<String> HTTP_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "CONNECT", "OPTIONS");

    private final SmtpListenerConfig config;
    private final SSLContext tlsContext;
    private final MessageSink sink;
    private final Object state = new Object();
    private final boolean lmtp;
    private final String peer;

    private Socket socket;
    private SmtpInput input;
    private OutputStream output;
    private boolean storing;
    private boolean closeRequested;

    private String helo;
    private boolean extended;
    private boolean tls;
    private int errors;
    /** the transaction: MAIL FROM's address (empty for <>), null outside one */
    private String reversePath;
    private final List<String> recipients = new ArrayList<>();
    private long declaredSize;

    SmtpSession(Socket socket, SmtpListenerConfig config, SSLContext tlsContext, MessageSink sink) {
        this.socket = socket;
        this.config = config;
        this.tlsContext = tlsContext;
        this.sink = sink;
        this.lmtp = config.protocol() == SmtpListenerConfig.Protocol.LMTP;
        this.peer = socket.getInetAddress().getHostAddress();
    }

    /**
     * Shutdown: the connection is closed now, unless a message is being stored; then it is closed once its reply is
     * sent. A client cut off in the middle of its data was told nothing and sends the message again later.
     */
    void close() {
        synchronized (state) {
            closeRequested = true;
            if (!storing) {
                closeQuietly();
            }
        }
    }

    @Override
    public void run() {
        try {
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, config.idleTimeout().toMillis()));
            streams();
            send(SmtpReply.plain(220, config.serverName() + (lmtp ? " LMTP" : " ESMTP") + " inbound-router"));
            while (!socket.isClosed()) {
                byte[] line;
                try {
                    line = input.readLine(MAX_COMMAND_LINE);
                } catch (SmtpInput.LineTooLong e) {
                    error(SmtpReply.of(500, "5.5.2", "Line too long"));
                    continue;
                }
                if (line == null) {
                    break;
                }
                command(new String(line, StandardCharsets.UTF_8));
            }
        } catch (SocketTimeoutException e) {
            try {
                send(SmtpReply.of(421, "4.4.2", config.serverName() + " Timeout, closing the connection"));
            } catch (IOException ignored) {
                // the client is gone anyway
            }
        } catch (IOException e) {
            boolean expected;
            synchronized (state) {
                expected = closeRequested;
            }
            if (!expected) {
                LOG.debug("smtp {}: connection from {} ended: {}", config.name(), peer, e.toString());
            }
        } finally {
            closeQuietly();
        }
    }

    private void command(String line) throws IOException {
        int space = line.indexOf(' ');
        String verb = (space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT);
        String argument = space < 0 ? "" : line.substring(space + 1);
        switch (verb) {
            case "EHLO", "HELO" -> {
                if (lmtp) {
                    error(SmtpReply.of(500, "5.5.1", "This is LMTP: use LHLO"));
                } else {
                    hello(argument, verb.equals("EHLO"));
                }
            }
            case "LHLO" -> {
                if (lmtp) {
                    hello(argument, true);
                } else {
                    error(SmtpReply.of(500, "5.5.1", "This is SMTP: use EHLO"));
                }
            }
            case "MAIL" -> mail(argument);
            case "RCPT" -> rcpt(argument);
            case "DATA" -> data(argument);
            case "RSET" -> {
                if (!argument.isBlank()) {
                    error(SmtpReply.of(501, "5.5.4", "RSET takes no argument"));
                } else {
                    reset();
                    reply(SmtpReply.of(250, "2.0.0", "Ok"));
                }
            }
            case "NOOP" -> reply(SmtpReply.of(250, "2.0.0", "Ok"));
            case "QUIT" -> send(SmtpReply.of(221, "2.0.0", config.serverName() + " Bye"));
            case "VRFY" -> reply(SmtpReply.of(252, "2.5.0", "Cannot VRFY; send the mail and it will be tried"));
            case "HELP" -> reply(SmtpReply.of(214, "2.0.0", "See RFC 5321" + (lmtp ? " and RFC 2033" : "")));
            case "STARTTLS" -> startTls(argument);
            case "AUTH" -> error(SmtpReply.of(502, "5.5.1", "AUTH is not offered here"));
            default -> {
                if (HTTP_METHODS.contains(verb) && line.matches(".* HTTP/\\d(\\.\\d)?")) {
                    // a browser or a cross-protocol request: nothing an MTA would send
                    send(SmtpReply.of(421, "4.7.0", config.serverName() + " This is a mail server; closing"));
                } else {
                    error(SmtpReply.of(500, "5.5.2", "Command not recognized"));
                }
            }
        }
    }

    private void hello(String argument, boolean extendedHello) throws IOException {
        String name = argument.trim();
        if (name.isEmpty() || name.contains(" ")) {
            error(SmtpReply.of(501, "5.5.4", "Syntax: " + (lmtp ? "LHLO" : extendedHello ? "EHLO" : "HELO")
                    + " your-domain"));
            return;
        }
        reset();
        helo = name;
        extended = extendedHello;
        if (!extendedHello) {
            reply(SmtpReply.plain(250, config.serverName()));
            return;
        }
        List<String> lines = new ArrayList<>(List.of(config.serverName(), "PIPELINING",
                "SIZE " + config.maxMessageBytes(), "8BITMIME", "ENHANCEDSTATUSCODES", "SMTPUTF8"));
        if (tlsContext != null && !tls) {
            lines.add("STARTTLS");
        }
        reply(SmtpReply.plain(250, lines.toArray(String[]::new)));
    }

    private void mail(String argument) throws IOException {
        if (helo == null) {
            error(SmtpReply.of(503, "5.5.1", "Send " + (lmtp ? "LHLO" : "EHLO") + " first"));
            return;
        }
        if (config.requireTls() && !tls) {
            error(SmtpReply.of(530, "5.7.0", "Must issue a STARTTLS command first"));
            return;
        }
        if (reversePath != null) {
            error(SmtpReply.of(503, "5.5.1", "Nested MAIL command"));
            return;
        }
        MailPath path;
        try {
            path = MailPath.parse(argument, "FROM");
        } catch (MailPath.Invalid e) {
            error(SmtpReply.of(501, "5.1.7", "Bad sender: " + e.getMessage()));
            return;
        }
        long size = 0;
        for (Map.Entry<String, String> p : path.params().entrySet()) {
            String value = p.getValue();
            if (!extended) {
                error(SmtpReply.of(555, "5.5.4", "Parameters need EHLO"));
                return;
            }
            switch (p.getKey()) {
                case "SIZE" -> {
                    if (value == null || !value.matches("\\d{1,18}")) {
                        error(SmtpReply.of(501, "5.5.4", "SIZE needs a number"));
                        return;
                    }
                    size = Long.parseLong(value);
                }
                case "BODY" -> {
                    if (value == null || !(value.equalsIgnoreCase("7BIT") || value.equalsIgnoreCase("8BITMIME"))) {
                        error(SmtpReply.of(501, "5.5.4", "BODY must be 7BIT or 8BITMIME"));
                        return;
                    }
                }
                case "SMTPUTF8" -> {
                    if (value != null) {
                        error(SmtpReply.of(501, "5.5.4", "SMTPUTF8 takes no value"));
                        return;
                    }
                }
                default -> {
                    error(SmtpReply.of(555, "5.5.4", "Unsupported parameter " + p.getKey()));
                    return;
                }
            }
        }
        if (size > config.maxMessageBytes()) {
            reply(SmtpReply.of(552, "5.3.4", "Message size exceeds the limit of " + config.maxMessageBytes()
                    + " bytes"));
            return;
        }
        reversePath = path.address();
        declaredSize = size;
        reply(SmtpReply.of(250, "2.1.0", "Ok"));
    }

    private void rcpt(String argument) throws IOException {
        if (reversePath == null) {
            error(SmtpReply.of(503, "5.5.1", "Need MAIL before RCPT"));
            return;
        }
        MailPath path;
        try {
            path = MailPath.parse(argument, "TO");
        } catch (MailPath.Invalid e) {
            error(SmtpReply.of(501, "5.1.3", "Bad recipient: " + e.getMessage()));
            return;
        }
        if (path.address().isEmpty()) {
            error(SmtpReply.of(501, "5.1.3", "Bad recipient: empty"));
            return;
        }
        if (!path.params().isEmpty()) {
            error(SmtpReply.of(555, "5.5.4", "Unsupported parameter " + path.params().keySet().iterator().next()));
            return;
        }
        if (recipients.size() >= MAX_RECIPIENTS) {
            reply(SmtpReply.of(452, "4.5.3", "Too many recipients"));
            return;
        }
        if (!config.acceptRecipients().accepts(path.address())) {
            reply(SmtpReply.of(550, "5.1.1", "<" + path.address() + ">: Recipient address rejected: not handled here"));
            return;
        }
        recipients.add(path.address());
        reply(SmtpReply.of(250, "2.1.5", "Ok"));
    }

    private void data(String argument) throws IOException {
        if (!argument.isBlank()) {
            error(SmtpReply.of(501, "5.5.4", "DATA takes no argument"));
            return;
        }
        if (reversePath == null) {
            error(SmtpReply.of(503, "5.5.1", "Need MAIL command"));
            return;
        }
        if (recipients.isEmpty()) {
            error(SmtpReply.of(554, "5.5.1", "No valid recipients"));
            return;
        }
        send(SmtpReply.of(354, null, "End data with <CR><LF>.<CR><LF>"));
        SmtpInput.Data data = input.readData(config.maxMessageBytes(),
                (int) Math.min(declaredSize, config.maxMessageBytes()));
        List<String> to = List.copyOf(recipients);
        SmtpReply reply;
        if (data.tooBig()) {
            reply = SmtpReply.of(552, "5.3.4", "Message size exceeds the limit of " + config.maxMessageBytes()
                    + " bytes");
        } else {
            synchronized (state) {
                if (closeRequested) {
                    throw new IOException("shutting down");
                }
                storing = true;
            }
            try {
                reply = store(data.bytes(), to);
            } finally {
                synchronized (state) {
                    storing = false;
                }
            }
        }
        reset();
        errors = 0;
        // LMTP: one reply per accepted recipient, in RCPT order (RFC 2033 §4.2); the message is stored once for all
        for (int i = 0; i < (lmtp ? to.size() : 1); i++) {
            send(reply);
        }
        synchronized (state) {
            if (closeRequested) {
                send(SmtpReply.of(421, "4.3.2", config.serverName() + " Shutting down"));
            }
        }
    }

    private SmtpReply store(byte[] raw, List<String> to) {
        Envelope envelope = new Envelope(reversePath, to, helo + " [" + peer + "]",
                (lmtp ? "LMTP" : extended ? "ESMTP" : "SMTP") + (tls ? "S" : ""));
        try {
            sink.store(envelope, raw);
            return SmtpReply.of(250, "2.0.0", "Ok: stored");
        } catch (Exception e) {
            INBOUND.warn("smtp {}: a message from <{}> ({} bytes) could not be stored, answered 451 so that the "
                    + "client sends it again: {}", config.name(), reversePath, raw.length, e.getMessage());
            return SmtpReply.of(451, "4.3.0", "Could not store the message now; try again later");
        }
    }

    private void startTls(String argument) throws IOException {
        if (tlsContext == null) {
            error(SmtpReply.of(502, "5.5.1", "STARTTLS is not offered here"));
            return;
        }
        if (tls) {
            error(SmtpReply.of(503, "5.5.1", "TLS is already active"));
            return;
        }
        if (!argument.isBlank()) {
            error(SmtpReply.of(501, "5.5.4", "STARTTLS takes no argument"));
            return;
        }
        send(SmtpReply.of(220, "2.0.0", "Ready to start TLS"));
        output.flush();
        // anything sent after STARTTLS but before the handshake could have been injected on the way (RFC 3207 §4.2)
        input.discardBuffered();
        SSLSocket secured = (SSLSocket) tlsContext.getSocketFactory()
                .createSocket(socket, peer, socket.getPort(), true);
        secured.setUseClientMode(false);
        secured.setEnabledProtocols(Tls.PROTOCOLS);
        synchronized (state) {
            socket = secured;
        }
        secured.startHandshake();
        streams();
        tls = true;
        // RFC 3207 §4.2: the client starts over with EHLO, and nothing learned before counts
        helo = null;
        extended = false;
        reset();
    }

    private void streams() throws IOException {
        output = new BufferedOutputStream(socket.getOutputStream(), 8192);
        input = new SmtpInput(socket.getInputStream(), output::flush);
    }

    private void reset() {
        reversePath = null;
        recipients.clear();
        declaredSize = 0;
    }

    /** A reply to a command that was understood; it ends a run of mistakes. */
    private void reply(SmtpReply reply) throws IOException {
        errors = 0;
        send(reply);
    }

    /** A reply to a mistake; too many in a row end the connection. */
    private void error(SmtpReply reply) throws IOException {
        send(reply);
        if (++errors >= MAX_ERRORS) {
            send(SmtpReply.of(421, "4.7.0", config.serverName() + " Too many errors, closing the connection"));
        }
    }

    /** Queued until the client waits for it (see {@link SmtpInput}); a closing reply is sent at once. */
    private void send(SmtpReply reply) throws IOException {
        output.write(reply.bytes());
        if (reply.closing()) {
            output.flush();
            closeQuietly();
        }
    }

    private void closeQuietly() {
        synchronized (state) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing is all that is left to do
            }
        }
    }
}
