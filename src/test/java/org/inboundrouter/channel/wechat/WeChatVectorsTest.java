package org.inboundrouter.channel.wechat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.inboundrouter.channel.webhook.WebhookRejected;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Signatures, safe-mode decryption and message parsing against wechatpy's test vectors
 * (../shared/data/protocol-vectors/wechat; skipped when absent).
 */
class WeChatVectorsTest {

    private static final Path VECTORS = Path.of("..", "shared", "data", "protocol-vectors", "wechat");

    @Test
    void everySignatureVectorMatches() throws Exception {
        JsonNode cases = vectors().get("cases");
        assertThat(cases.size()).isGreaterThanOrEqualTo(3);
        for (JsonNode c : cases) {
            String[] inputs = new ObjectMapper().convertValue(c.get("inputs"), String[].class);
            String expected = c.get("expected_sha1").asText();
            assertThat(WeChatSignature.compute(inputs)).as(c.get("name").asText()).isEqualTo(expected);
            assertThat(WeChatSignature.valid(expected.toUpperCase(), inputs)).isTrue();
            inputs[0] = inputs[0] + "x";
            assertThat(WeChatSignature.valid(expected, inputs)).as("a changed token").isFalse();
        }
    }

    @Test
    void theEncryptedMessageVectorDecryptsToItsXml() throws Exception {
        JsonNode cases = vectors().get("cases");
        JsonNode keyed = byName(cases, "work_echostr_msg_signature");
        JsonNode message = byName(cases, "work_encrypted_message_msg_signature");
        WeChatCrypto crypto = new WeChatCrypto(keyed.get("encoding_aes_key").asText(), keyed.get("corp_id").asText());

        String xml = crypto.decrypt(message.get("inputs").get(3).asText());

        Map<String, String> fields = WeChatXml.parse(xml.getBytes(StandardCharsets.UTF_8));
        JsonNode expected = message.get("decrypted_content_per_test");
        assertThat(fields.get("Content")).isEqualTo(expected.get("Content").asText());
        assertThat(fields.get("FromUserName")).isEqualTo(expected.get("FromUserName").asText());
    }

    @Test
    void theEchostrVectorDecryptsAndOnlyForItsAppId() throws Exception {
        JsonNode keyed = byName(vectors().get("cases"), "work_echostr_msg_signature");
        String key = keyed.get("encoding_aes_key").asText();
        String echostr = keyed.get("inputs").get(3).asText();

        assertThat(new WeChatCrypto(key, keyed.get("corp_id").asText()).decrypt(echostr)).isNotBlank();
        assertThatThrownBy(() -> new WeChatCrypto(key, "wx0000000000000000").decrypt(echostr))
                .isInstanceOf(WeChatCrypto.DecryptionFailed.class).hasMessageContaining("AppID");
    }

    @Test
    void theDocumentedTextMessageParses() throws Exception {
        Path xml = VECTORS.resolve("text_message.xml");
        Assumptions.assumeTrue(Files.exists(xml), "shared vectors absent: " + xml);

        Map<String, String> fields = WeChatXml.parse(Files.readAllBytes(xml));

        assertThat(fields).containsEntry("ToUserName", "toUser").containsEntry("FromUserName", "fromUser")
                .containsEntry("MsgType", "text").containsEntry("Content", "this is a test")
                .containsEntry("MsgId", "1234567890123456");
        assertThat(fields.get("CreateTime").trim()).isEqualTo("1348831860");
    }

    @Test
    void encryptionRoundTripsWithChineseAndPadsToWholeBlocks() throws Exception {
        WeChatCrypto crypto = new WeChatCrypto("abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG", "wx5823bf96d3bd56c7");
        for (int n = 0; n < 40; n++) {
            String xml = "<xml><Content><![CDATA[" + "充".repeat(n) + "]]></Content></xml>";
            String encrypted = crypto.encrypt(xml, new byte[16]);
            assertThat(java.util.Base64.getDecoder().decode(encrypted).length % WeChatCrypto.BLOCK).isZero();
            assertThat(crypto.decrypt(encrypted)).isEqualTo(xml);
        }
        WeChatCrypto otherKey = new WeChatCrypto("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefg", "wx5823bf96d3bd56c7");
        assertThatThrownBy(() -> otherKey.decrypt(crypto.encrypt("<xml/>", new byte[16])))
                .isInstanceOf(WeChatCrypto.DecryptionFailed.class);
    }

    @Test
    void aDoctypeIsRefusedSoNoEntityIsEverResolved() {
        byte[] xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE xml [<!ENTITY leak SYSTEM "file:///etc/passwd">]>
                <xml><Content>&leak;</Content></xml>""".getBytes(StandardCharsets.UTF_8);
        byte[] billionLaughs = """
                <!DOCTYPE xml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
                <xml><Content>&b;</Content></xml>""".getBytes(StandardCharsets.UTF_8);

        for (byte[] body : new byte[][] {xxe, billionLaughs}) {
            assertThatThrownBy(() -> WeChatXml.parse(body)).isInstanceOf(WebhookRejected.class)
                    .hasMessageContaining("DOCTYPE")
                    .satisfies(e -> assertThat(((WebhookRejected) e).status()).isEqualTo(400));
        }
    }

    private static JsonNode vectors() throws Exception {
        Path file = VECTORS.resolve("vectors.json");
        Assumptions.assumeTrue(Files.exists(file), "shared vectors absent: " + file);
        return new ObjectMapper().readTree(file.toFile());
    }

    private static JsonNode byName(JsonNode cases, String name) {
        for (JsonNode c : cases) {
            if (c.get("name").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("vector " + name + " not in vectors.json");
    }
}
