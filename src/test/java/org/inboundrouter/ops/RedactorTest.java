package org.inboundrouter.ops;

import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

class RedactorTest {

    private final Redactor redactor = new Redactor();

    @Test
    void registeredSecretsTokensInUrlsAndUserinfoAreRemoved() {
        redactor.add("s3cret-password", "abc"); // too short to be a credential: left alone
        assertThat(redactor.redact("login failed for s3cret-password at abc"))
                .isEqualTo("login failed for <secret> at abc");
        assertThat(redactor.redact(
                "GET https://api.telegram.org/bot7012345678:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw0/getUpdates"))
                .isEqualTo("GET https://api.telegram.org/bot<secret>/getUpdates");
        assertThat(redactor.redact("imap://support:pw@imap.example.com:993"))
                .isEqualTo("imap://<secret>@imap.example.com:993");
    }

    @Test
    void aFailureIsDescribedByItsOutermostAndRootCauseOnOneLine() {
        Exception e = new IllegalStateException("poll failed\nfor s3cret-password",
                new RuntimeException("middle", new IOException("Connection refused")));
        redactor.add("s3cret-password");
        assertThat(redactor.describe(e))
                .isEqualTo("IllegalStateException: poll failed for <secret> <- IOException: Connection refused");
    }
}
