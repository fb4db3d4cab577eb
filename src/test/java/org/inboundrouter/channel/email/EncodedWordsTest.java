package org.inboundrouter.channel.email;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.inboundrouter.channel.email.TestMails.bWord;
import static org.inboundrouter.channel.email.TestMails.encode;

class EncodedWordsTest {

    private final List<String> warnings = new ArrayList<>();

    private String decode(String value) {
        return EncodedWords.decode(value, "header Subject", warnings);
    }

    @Test
    void plainTextIsUntouched() {
        assertThat(decode("Re: order 123 = paid?")).isEqualTo("Re: order 123 = paid?");
        assertThat(warnings).isEmpty();
    }

    @Test
    void lowercaseEncodingLettersAndUnderscoreForSpace() {
        assertThat(decode("=?utf-8?b?6L2s6LSm?= and =?UTF-8?q?hello_world=21?=")).isEqualTo("转账 and hello world!");
    }

    @Test
    void whitespaceBetweenAdjacentWordsIsDroppedButNotAroundText() {
        assertThat(decode("=?UTF-8?Q?a?= \t =?UTF-8?Q?b?= c =?UTF-8?Q?d?=")).isEqualTo("ab c d");
    }

    @Test
    void wordsWithoutSeparatorsOrInsideAWord() {
        assertThat(decode("=?UTF-8?B?5Lit?==?UTF-8?B?5paH?=")).isEqualTo("中文");
        assertThat(decode("Order=?UTF-8?Q?_=E2=84=96?=42")).isEqualTo("Order №42");
    }

    @Test
    void missingTerminatorAtTheEnd() {
        assertThat(decode("Re: =?UTF-8?B?6YCA5qy+")).isEqualTo("Re: 退款");
    }

    @Test
    void splitCharacterAcrossWordsOfTheSameCharsetIsJoinedAtTheByteLevel() {
        byte[] utf8 = "冻结".getBytes(StandardCharsets.UTF_8);
        String header = bWord("UTF-8", Arrays.copyOfRange(utf8, 0, 2)) + " "
                + bWord("utf-8", Arrays.copyOfRange(utf8, 2, 6));

        assertThat(decode(header)).isEqualTo("冻结");
        // what decoding word by word gives: the reason for joining
        assertThat(new String(Arrays.copyOfRange(utf8, 0, 2), StandardCharsets.UTF_8)).contains("\uFFFD");
    }

    @Test
    void gb2312LabelWithGbkOnlyCharacters() {
        assertThat(decode(bWord("gb2312", encode("堃", "GBK")))).isEqualTo("堃");
        assertThat(warnings).isEmpty();
    }

    @Test
    void differentCharsetsAreDecodedSeparately() {
        assertThat(decode(bWord("GBK", encode("中", "GBK")) + bWord("Big5", encode("文", "Big5")))).isEqualTo("中文");
    }

    @Test
    void languageSuffixOnTheCharset() {
        assertThat(decode("=?UTF-8*zh-CN?Q?=E4=BD=A0=E5=A5=BD?=")).isEqualTo("你好");
    }

    @Test
    void damagedBase64IsDecodedAsFarAsPossible() {
        assertThat(decode("=?UTF-8?B?aGVsbG8?=")).isEqualTo("hello");
        assertThat(decode("=?UTF-8?B?aGVs!bG8=?=")).isEqualTo("hello");
    }

    @Test
    void unknownCharsetWarnsAndFallsBack() {
        assertThat(decode("=?x-unknown?Q?caf=C3=A9?=")).isEqualTo("café");
        assertThat(warnings).containsExactly("header Subject: unknown charset \"x-unknown\", decoded as UTF-8");
    }

    @Test
    void rawEightBitBytesAreRecovered() {
        String gbkAsLatin1 = new String(encode("银行卡绑定失败", "GBK"), StandardCharsets.ISO_8859_1);
        String utf8AsLatin1 = new String("Zoë".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);

        assertThat(decode(gbkAsLatin1)).isEqualTo("银行卡绑定失败");
        assertThat(decode(utf8AsLatin1)).isEqualTo("Zoë");
        assertThat(warnings).containsExactly("header Subject: raw 8-bit bytes, decoded as GB18030");
    }
}
