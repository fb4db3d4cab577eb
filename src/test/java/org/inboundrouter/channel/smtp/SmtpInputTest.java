package org.inboundrouter.channel.smtp;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Mail data and command lines as RFC 5321 frames them, fed one byte per read to catch buffer-boundary mistakes. */
class SmtpInputTest {

    private static SmtpInput input(String wire) {
        byte[] bytes = wire.getBytes(StandardCharsets.UTF_8);
        InputStream trickle = new InputStream() {
            private int i;

            @Override
            public int read() {
                return i < bytes.length ? bytes[i++] & 0xff : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (i >= bytes.length) {
                    return -1;
                }
                b[off] = bytes[i++];
                return 1;
            }
        };
        return new SmtpInput(trickle, () -> { });
    }

    private static String data(String wire, long max) throws Exception {
        SmtpInput.Data d = input(wire).readData(max, 0);
        return d.tooBig() ? null : new String(d.bytes(), StandardCharsets.UTF_8);
    }

    @Test
    void theDotLineEndsTheDataAndLeadingDotsAreUnstuffed() throws Exception {
        assertThat(data("Subject: a\r\n\r\n..hidden dot\r\n...two\r\nend\r\n.\r\nQUIT\r\n", 1000))
                .isEqualTo("Subject: a\r\n\r\n.hidden dot\r\n..two\r\nend\r\n");
        assertThat(data(".\r\n", 1000)).as("empty message").isEmpty();
        assertThat(data("..\r\n.\r\n", 1000)).isEqualTo(".\r\n");
        assertThat(data(".\rx\r\n.\r\n", 1000)).as("a dot and CR that are not a line of their own")
                .isEqualTo("\rx\r\n");
    }

    @Test
    void onlyCrLfDotCrLfEndsTheData() throws Exception {
        // the "SMTP smuggling" endings: a bare LF before or after the dot is data, not the end
        assertThat(data("a\n.\nb\r\n.\r\n", 1000)).isEqualTo("a\n.\nb\r\n");
        assertThat(data("a\r\n.\nb\r\n.\r\n", 1000)).isEqualTo("a\r\n\nb\r\n");
        assertThat(data("a\n.\r\nb\r\n.\r\n", 1000)).isEqualTo("a\n.\r\nb\r\n");
        assertThat(data("a\r.\r\nb\r\n.\r\n", 1000)).isEqualTo("a\r.\r\nb\r\n");
    }

    @Test
    void dataPastTheLimitIsReadToItsEndAndCounted() throws Exception {
        SmtpInput in = input("0123456789\r\n.\r\nNOOP\r\n");
        SmtpInput.Data d = in.readData(8, 0);
        assertThat(d.tooBig()).isTrue();
        assertThat(d.size()).isEqualTo(12);
        assertThat(new String(in.readLine(100), StandardCharsets.US_ASCII)).isEqualTo("NOOP");
        assertThat(data("12345678\r\n.\r\n", 10)).isEqualTo("12345678\r\n");
    }

    @Test
    void aConnectionClosedWithinTheDataIsNotAMessage() {
        assertThatThrownBy(() -> data("Subject: cut\r\n\r\nhalf", 1000)).isInstanceOf(EOFException.class);
    }

    @Test
    void commandLinesEndWithCrLfOrABareLfAndHaveALimit() throws Exception {
        SmtpInput in = input("EHLO a\r\nNOOP\n" + "X".repeat(50) + "\r\nQUIT\r\n");
        assertThat(new String(in.readLine(20), StandardCharsets.US_ASCII)).isEqualTo("EHLO a");
        assertThat(new String(in.readLine(20), StandardCharsets.US_ASCII)).isEqualTo("NOOP");
        assertThatThrownBy(() -> in.readLine(20)).isInstanceOf(SmtpInput.LineTooLong.class);
        assertThat(new String(in.readLine(20), StandardCharsets.US_ASCII)).isEqualTo("QUIT");
        assertThat(in.readLine(20)).isNull();
        assertThat(new String(input("X".repeat(20) + "\r\n").readLine(20), StandardCharsets.US_ASCII))
                .hasSize(20);
    }
}
