package org.inboundrouter.channel.meta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** X-Hub-Signature-256 against published vectors (../shared/data/protocol-vectors/meta; skipped when absent). */
class MetaSignatureTest {

    private static final Path VECTORS = Path.of("..", "shared", "data", "protocol-vectors", "meta");

    @Test
    void githubsDocumentedVector() throws Exception {
        assertVector("github_docs.vector.json", false);
    }

    @Test
    void aRealWhatsAppDelivery() throws Exception {
        assertVector("pywa_real_text_message.vector.json", false);
    }

    /** Meta signs its escaped serialization: the UTF-8 text of the same body must not verify. */
    @Test
    void unicodeIsSignedAsMetaEscapesIt() throws Exception {
        JsonNode vector = assertVector("whatsapp-api-js_unicode.vector.json", true);
        byte[] utf8 = Files.readAllBytes(VECTORS.resolve(vector.get("body_file").asText()));
        assertThat(MetaSignature.valid(vector.get("app_secret").asText(), utf8,
                vector.get("x_hub_signature_256").asText())).isFalse();
    }

    @Test
    void headerFormsThatAreNotASignatureFail() {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        String good = MetaSignature.compute("secret", body);

        assertThat(MetaSignature.valid("secret", body, good)).isTrue();
        assertThat(MetaSignature.valid("secret", body, "SHA256=" + good.substring(7).toUpperCase())).isTrue();
        assertThat(MetaSignature.valid("secret", body, good.substring(7))).isFalse();
        assertThat(MetaSignature.valid("secret", body, "sha1=" + good.substring(7))).isFalse();
        assertThat(MetaSignature.valid("secret", body, "sha256=")).isFalse();
        assertThat(MetaSignature.valid("secret", body, null)).isFalse();
        assertThat(MetaSignature.valid("other", body, good)).isFalse();
    }

    private static JsonNode assertVector(String file, boolean escapeNonAscii) throws Exception {
        Path path = VECTORS.resolve(file);
        Assumptions.assumeTrue(Files.exists(path), "shared vectors absent: " + path);
        JsonNode vector = new ObjectMapper().readTree(path.toFile());
        assertThat(vector.path("escape_non_ascii_before_hmac").asBoolean(false)).isEqualTo(escapeNonAscii);
        byte[] body = Files.readAllBytes(VECTORS.resolve(vector.get("body_file").asText()));
        if (escapeNonAscii) {
            body = MetaPayloads.asMetaSends(new String(body, StandardCharsets.UTF_8));
        }
        String secret = vector.get("app_secret").asText();
        String expected = vector.get("x_hub_signature_256").asText();
        assertThat(MetaSignature.compute(secret, body)).isEqualTo(expected);
        assertThat(MetaSignature.valid(secret, body, expected)).isTrue();
        return vector;
    }
}
