package org.inboundrouter.channel.email.imap;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class SenderKeyTest {

    private static String key(String raw) {
        return SenderKey.of(raw.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void isTheAddressOfTheFromHeaderWhateverItsNameAndFolding() {
        assertThat(key("Subject: x\r\nFROM: =?UTF-8?B?5byg5LiJ?=\r\n <ZhangSan@Example.CN>\r\n\r\nFrom: body@x\r\n"))
                .isEqualTo("zhangsan@example.cn");
        assertThat(key("from: li@example.com\n\nbody")).isEqualTo("li@example.com");
    }

    @Test
    void isEmptyWithoutAFromInTheHeader() {
        assertThat(key("Subject: x\r\n\r\nFrom: someone@in.the.body\r\n")).isEmpty();
        assertThat(key("")).isEmpty();
    }
}
