package com.fourrunr.campaign.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code campaign doctor} on records from a file (no network), with settings from a file. */
class DoctorCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private record Run(int exit, Map<String, JsonNode> checks, String out, String err) {}

  private Run run(String... args) throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli =
        CampaignCli.newCommandLine(
            new CommandLine.IFactory() {
              @Override
              public <K> K create(Class<K> cls) throws Exception {
                K made = CommandLine.defaultFactory().create(cls);
                if (made instanceof DoctorCommand doctor) {
                  doctor.env = Map.of(); // only the --config file
                }
                return made;
              }
            });
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    List<String> all = new ArrayList<>(List.of("doctor"));
    all.addAll(List.of(args));
    int exit = cli.execute(all.toArray(String[]::new));
    Map<String, JsonNode> checks = new LinkedHashMap<>();
    for (String line : out.toString().split("\\R")) {
      if (!line.isBlank()) {
        JsonNode node = JSON.readTree(line);
        checks.put(node.get("check").asText(), node);
      }
    }
    return new Run(exit, checks, out.toString(), err.toString());
  }

  private static String pem(byte[] pkcs8) {
    return "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pkcs8)
        + "\n-----END PRIVATE KEY-----\n";
  }

  @Test
  void printsOneJsonLinePerCheckAndTheSenderRules() throws Exception {
    var pair = KeyPairGenerator.getInstance("RSA");
    pair.initialize(2048);
    var keys = pair.generateKeyPair();
    String publicKey = Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
    Path pemFile = dir.resolve("dkim.pem");
    Files.writeString(pemFile, pem(keys.getPrivate().getEncoded()));
    Path config = dir.resolve("campaign.properties");
    Files.writeString(
        config,
        String.join(
            "\n",
            "campaign.mailbox.address=hello@4runr.example",
            "campaign.smtp.host=smtp.4runr.example",
            "campaign.smtp.security=STARTTLS",
            "campaign.dkim.selector=s1",
            "campaign.dkim.private.key.file=" + pemFile.toString().replace("\\", "/"),
            ""));
    Path records = dir.resolve("records.txt");
    Files.writeString(
        records,
        String.join(
            "\n",
            "4runr.example TXT v=spf1 ip4:192.0.2.0/24 -all",
            "s1._domainkey.4runr.example TXT v=DKIM1; k=rsa; p=" + publicKey,
            "_dmarc.4runr.example TXT v=DMARC1; p=reject",
            "4runr.example MX 10 mx.4runr.example",
            ""));

    Run r =
        run(
            "--config",
            config.toString(),
            "--records",
            records.toString(),
            "--sending-ip",
            "192.0.2.10");

    assertThat(r.err()).isEmpty();
    assertThat(r.checks().keySet())
        .containsExactly(
            "spf",
            "spf-lookups",
            "spf-sender",
            "dkim",
            "dmarc",
            "mx",
            "rule:authentication",
            "rule:one-click-unsubscribe",
            "rule:complaint-rate",
            "rule:physical-address",
            "rule:tls");
    for (String dns : List.of("spf", "spf-lookups", "spf-sender", "dkim", "dmarc", "mx")) {
      JsonNode line = r.checks().get(dns);
      assertThat(line.get("result").asText()).as(line.toString()).isEqualTo("PASS");
      assertThat(line.get("domain").asText()).isEqualTo("4runr.example");
      assertThat(line.get("detail").asText()).isNotBlank();
    }
    assertThat(r.checks().get("dkim").get("detail").asText())
        .contains("matching the configured key");
    assertThat(r.checks().get("rule:authentication").get("result").asText()).isEqualTo("PASS");
    assertThat(r.checks().get("rule:tls").get("result").asText()).isEqualTo("PASS");
    // no tracking URL configured: no one-click unsubscribe
    assertThat(r.checks().get("rule:one-click-unsubscribe").get("result").asText())
        .isEqualTo("FAIL");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).doesNotContain("BEGIN PRIVATE KEY");
  }

  @Test
  void brokenRecordsFailNamedChecks() throws Exception {
    Path records = dir.resolve("records.txt");
    Files.writeString(
        records,
        String.join(
            "\n",
            "broken.example TXT v=spf1 +all",
            "broken.example TXT v=spf1 -all",
            "_dmarc.broken.example TXT v=DMARC1; p=none",
            ""));
    Run r = run("--domain", "broken.example", "--selector", "s9", "--records", records.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.checks().get("spf").get("result").asText()).isEqualTo("FAIL");
    assertThat(r.checks().get("spf").get("detail").asText()).contains("2 SPF records");
    assertThat(r.checks().get("dkim").get("result").asText()).isEqualTo("FAIL");
    assertThat(r.checks().get("dmarc").get("result").asText()).isEqualTo("WARN");
    assertThat(r.checks().get("mx").get("result").asText()).isEqualTo("FAIL");
    assertThat(r.checks().get("rule:authentication").get("result").asText()).isEqualTo("FAIL");
    assertThat(r.checks().get("rule:tls").get("result").asText()).isEqualTo("WARN");
  }

  @Test
  void withoutDomainOrMailboxItSaysWhatIsMissing() throws Exception {
    Run r = run("--records", dir.resolve("none.txt").toString());
    assertThat(r.exit()).isNotZero();
    assertThat(r.out()).isEmpty();
    Path records = dir.resolve("records.txt");
    Files.writeString(records, "");
    Run noDomain = run("--records", records.toString());
    assertThat(noDomain.exit()).isEqualTo(1);
    assertThat(noDomain.err()).contains("--domain").doesNotContain("Exception");
  }

  @Test
  void aBadDkimKeySettingFailsNamingTheSetting() throws Exception {
    Path config = dir.resolve("campaign.properties");
    Files.writeString(
        config,
        "campaign.mailbox.address=hello@4runr.example\n"
            + "campaign.dkim.selector=s1\n"
            + "campaign.dkim.private.key=-----BEGIN PRIVATE KEY-----\\nc2VjcmV0\\n-----END PRIVATE KEY-----\n");
    Path records = dir.resolve("records.txt");
    Files.writeString(records, "");
    Run r = run("--config", config.toString(), "--records", records.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("CAMPAIGN_DKIM_PRIVATE_KEY").doesNotContain("c2VjcmV0");
  }
}
