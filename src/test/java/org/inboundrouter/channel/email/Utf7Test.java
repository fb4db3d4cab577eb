package org.inboundrouter.channel.email;

import org.inboundrouter.model.InboundMessage;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class Utf7Test {

    private static String decode(String utf7) {
        return new String(utf7.getBytes(StandardCharsets.ISO_8859_1), Utf7.INSTANCE);
    }

    @Test
    void theExamplesOfRfc2152() {
        assertThat(decode("A+ImIDkQ.")).isEqualTo("A\u2262\u0391.");
        assertThat(decode("Hi Mom -+Jjo--!")).isEqualTo("Hi Mom -\u263A-!");
        assertThat(decode("+ZeVnLIqe-")).isEqualTo("\u65E5\u672C\u8A9E");
        assertThat(decode("Item 3 is +AKM-1.")).isEqualTo("Item 3 is \u00A31.");
    }

    @Test
    void plusMinusIsAPlusAndSurrogatePairsJoin() {
        assertThat(decode("1 +- 1 = 2")).isEqualTo("1 + 1 = 2");
        assertThat(decode("+2D3cAA-")).isEqualTo("\uD83D\uDC00");
        assertThat(decode("+AGEAYgBj")).isEqualTo("abc"); // a run may end at the end of the text
    }

    @Test
    void brokenInputIsReplacedNeverThrown() {
        assertThat(decode("broken +ZeV")).isEqualTo("broken \u65E5");
        assertThat(decode("x+AGE\u00e9y")).isEqualTo("xa\uFFFDy");
        assertThat(MailCharsets.isValid("ok +AGE-".getBytes(StandardCharsets.US_ASCII), Utf7.INSTANCE)).isTrue();
        assertThat(MailCharsets.isValid(new byte[] {'a', (byte) 0xE9}, Utf7.INSTANCE)).isFalse();
    }

    @Test
    void utf7SubjectAndBodyOfAMail() throws Exception {
        InboundMessage m = TortureMailsTest.parse("c01-utf7-subject-and-body.eml").message();

        assertThat(m.subject()).isEqualTo("Fr\u00F6sche");
        assertThat(m.text()).isEqualTo("Hi Mom -\u263A-!\nA\u2262\u0391.");
        assertThat(m.warnings()).isEmpty();
    }

    @Test
    void labelsOfUtf7() {
        assertThat(MailCharsets.resolve("UTF-7")).isSameAs(Utf7.INSTANCE);
        assertThat(MailCharsets.resolve("unicode-1-1-utf-7")).isSameAs(Utf7.INSTANCE);
    }
}
