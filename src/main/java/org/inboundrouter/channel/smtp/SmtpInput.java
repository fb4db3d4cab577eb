package org.inboundrouter.channel.smtp;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * The client's side of the connection, read through a buffer of our own: command lines, and mail data up to the
 * terminating {@code CRLF.CRLF}. Owning the buffer lets the session flush its pipelined replies exactly when a read
 * would block (RFC 2920 §3.2) and drop what a client sent ahead of STARTTLS (RFC 3207 §4.2).
 */
final class SmtpInput {

    /** Thrown once the whole over-long line has been read past, so the next read starts at the next line. */
    static final class LineTooLong extends Exception {
        LineTooLong() {
            super(null, null, false, false);
        }
    }

    /** Mail data: the bytes after dot-unstuffing, or none when they passed the limit (then only their count). */
    record Data(byte[] bytes, long size) {
        boolean tooBig() {
            return bytes == null;
        }
    }

    /** What must happen before the session waits for the client: sending the replies it is waiting for. */
    interface BeforeWait {
        void run() throws IOException;
    }

    private static final int CR = '\r';
    private static final int LF = '\n';

    private final InputStream in;
    private final BeforeWait beforeWait;
    private final byte[] buffer = new byte[16 * 1024];
    private int position;
    private int limit;

    SmtpInput(InputStream in, BeforeWait beforeWait) {
        this.in = in;
        this.beforeWait = beforeWait;
    }

    /** How many bytes the client sent that are not read yet. */
    int buffered() {
        return limit - position;
    }

    void discardBuffered() {
        position = limit;
    }

    /**
     * The next line without its line end (CRLF, or a bare LF, which some clients end commands with); null when the
     * client closed the connection.
     */
    byte[] readLine(int maxLength) throws IOException, LineTooLong {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        boolean tooLong = false;
        while (true) {
            if (position == limit && !fill()) {
                if (line.size() == 0 && !tooLong) {
                    return null;
                }
                throw new EOFException("connection closed within a command line");
            }
            int start = position;
            while (position < limit && buffer[position] != LF) {
                position++;
            }
            boolean complete = position < limit;
            int length = position - start;
            if (!tooLong) {
                if (line.size() + length > maxLength + 1) { // + 1: a CR before the LF
                    tooLong = true;
                } else {
                    line.write(buffer, start, length);
                }
            }
            if (complete) {
                position++; // the LF
                if (tooLong) {
                    throw new LineTooLong();
                }
                byte[] bytes = line.toByteArray();
                int end = bytes.length > 0 && bytes[bytes.length - 1] == CR ? bytes.length - 1 : bytes.length;
                if (end > maxLength) {
                    throw new LineTooLong();
                }
                return end == bytes.length ? bytes : Arrays.copyOf(bytes, end);
            }
        }
    }

    /**
     * Reads mail data up to and including the line holding a single dot, removing the dot that the client doubled at
     * the start of a line (RFC 5321 §4.5.2). Only CRLF ends a line here: a bare LF followed by a dot does not end the
     * data, so a message cannot carry a second, smuggled one. Everything else is kept as sent; past {@code max}
     * bytes the data is read to its end and dropped.
     */
    Data readData(long max, int expected) throws IOException {
        DataSink out = new DataSink(max, expected);
        // lineStart: at the start of a line; dot: a line began with a dot; dotCr: ... followed by CR; cr: in a line, after CR
        boolean lineStart = true;
        boolean dot = false;
        boolean dotCr = false;
        boolean cr = false;
        while (true) {
            if (position == limit && !fill()) {
                throw new EOFException("connection closed within the mail data");
            }
            int b = buffer[position++] & 0xff;
            if (dotCr) {
                dotCr = false;
                if (b == LF) {
                    return out.data();
                }
                // ".\r" then something else: a doubled-up dot after all, the dot goes and the CR stays
                out.write(CR);
                cr = true;
            } else if (dot) {
                dot = false;
                if (b == CR) {
                    dotCr = true;
                    continue;
                }
                // otherwise the dot the client put in front of the line is removed, and b is read as usual
            } else if (lineStart && b == '.') {
                lineStart = false;
                dot = true;
                continue;
            }
            lineStart = cr && b == LF;
            cr = b == CR;
            out.write(b);
        }
    }

    /** Collects mail data up to the limit, and counts it beyond. A plain array: this runs once per byte. */
    private static final class DataSink {
        private final long max;
        private byte[] bytes;
        private long size;

        DataSink(long max, int expected) {
            this.max = max;
            this.bytes = new byte[(int) Math.min(Math.max(expected, 4096), max)];
        }

        void write(int b) {
            if (size >= max) {
                bytes = null;
            } else {
                if (size == bytes.length) {
                    bytes = Arrays.copyOf(bytes, (int) Math.min(max, (long) bytes.length * 2));
                }
                bytes[(int) size] = (byte) b;
            }
            size++;
        }

        Data data() {
            return new Data(bytes == null ? null : Arrays.copyOf(bytes, (int) size), size);
        }
    }

    private boolean fill() throws IOException {
        beforeWait.run();
        int n = in.read(buffer, 0, buffer.length);
        if (n < 0) {
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }
}
