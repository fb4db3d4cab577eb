package org.inboundrouter.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ChannelFilesTest {

    @TempDir
    Path dir;

    private final ChannelFiles files = new ChannelFiles(new Secrets(Map.of("IMAP_PASSWORD", "s3cret")));

    private Path write(String name, String yaml) throws Exception {
        return Files.writeString(dir.resolve(name), yaml);
    }

    @Test
    void readsAMailboxWithItsDefaultsAndAnEnvironmentSecret() throws Exception {
        write("support.yaml", """
                kind: imap
                host: imap.example.com
                username: support@example.com
                password: ${env:IMAP_PASSWORD}
                afterImport: move
                moveTo: Ticketed
                pollInterval: 30s
                """);
        EmailChannelConfig c = (EmailChannelConfig) files.load(dir).get(0);
        assertThat(c.name()).isEqualTo("support");
        assertThat(c.scheme()).isEqualTo("imaps");
        assertThat(c.port()).isEqualTo(993);
        assertThat(c.password().value()).isEqualTo("s3cret");
        assertThat(c.password().toString()).doesNotContain("s3cret");
        assertThat(c.pollInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.kameletParameters()).containsEntry("moveTo", "Ticketed").containsEntry("delete", "false")
                .doesNotContainKey("password");
    }

    @Test
    void readsAPasswordFromAFile() throws Exception {
        Path secret = Files.writeString(dir.resolve("pw.txt"), "from-file\n");
        write("pop.yaml", "kind: pop3\nhost: pop.example.com\nusername: u\npassword: ${file:" + secret + "}\n");
        EmailChannelConfig c = (EmailChannelConfig) files.load(dir).get(0);
        assertThat(c.password().value()).isEqualTo("from-file");
        assertThat(c.scheme()).isEqualTo("pop3s");
        assertThat(c.afterImport()).isEqualTo(EmailChannelConfig.AfterImport.DELETE);
    }

    @Test
    void reportsEveryProblemWithFileLineAndField() throws Exception {
        Path broken = write("broken.yaml", """
                kind: imap
                port: 99999
                username: support@example.com
                password: ${env:NOT_SET_ANYWHERE}
                pollIntervall: 5s
                afterImport: archive
                """);
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> files.load(dir));
        List<String> problems = e.problems().stream().map(ConfigProblem::toString).toList();
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith(broken + ": host: required"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith(broken + ":2: port: must be between"));
        assertThat(problems).anySatisfy(p -> assertThat(p)
                .isEqualTo(broken + ":4: password: environment variable NOT_SET_ANYWHERE is not set"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith(broken + ":5: pollIntervall: unknown setting"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith(broken + ":6: afterImport: must be one of"));
    }

    @Test
    void refusesALiteralPasswordForARemoteServer() throws Exception {
        write("remote.yaml", "kind: imap\nhost: imap.example.com\nusername: u\npassword: hunter2\n");
        assertThatThrownBy(() -> files.load(dir)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("remote.yaml:4: password: a password for a remote server must come from")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void reportsInvalidYamlAndUnknownKindsAndBadNames() throws Exception {
        write("bad-yaml.yaml", "kind: imap\nhost: [unclosed\n");
        write("fax.yaml", "kind: fax\n");
        write("Bad_Name.yaml", "kind: imap\nhost: h\nusername: u\npassword: ${env:IMAP_PASSWORD}\n");
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> files.load(dir));
        assertThat(e.getMessage())
                .contains("bad-yaml.yaml:")
                .contains("not valid YAML")
                .contains("fax.yaml:1: kind: unknown channel kind \"fax\"")
                .contains("Bad_Name.yaml: file name must be a channel name");
    }

    @Test
    void aDisabledChannelNeedsNoSecret() throws Exception {
        write("example.yaml", "kind: imap\nenabled: false\nhost: imap.example.com\nusername: u\n"
                + "password: ${env:NOT_SET_ANYWHERE}\n");
        assertThat(files.load(dir)).singleElement().satisfies(c -> assertThat(c.enabled()).isFalse());
    }

    @Test
    void theShippedChannelFilesAreValid() {
        Path shipped = Path.of("config/channels");
        assertThat(files.load(shipped)).extracting(ChannelConfig::name).contains("local-mailbox");
    }

    @Test
    void webhookSecretsMustComeFromTheEnvironmentOrAFile() throws Exception {
        Path twilio = write("sms.yaml", "kind: twilio-sms\nauthToken: 0123456789abcdef\npublicUrl: /webhooks/sms\n");
        Path form = write("help.yaml", "kind: app-form\napiKeys: ${env:IMAP_PASSWORD}\nperSenderLimit: 0\n");
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> files.load(dir));
        List<String> problems = e.problems().stream().map(ConfigProblem::toString).toList();
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith(twilio + ":2: authToken: must be ${env:NAME}"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith(twilio + ":3: publicUrl: must be an absolute URL"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith(form + ":2: apiKeys: every API key must be"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith(form + ":3: perSenderLimit: must be between"));
        assertThat(e.getMessage()).doesNotContain("0123456789abcdef").doesNotContain("s3cret");
    }
}
