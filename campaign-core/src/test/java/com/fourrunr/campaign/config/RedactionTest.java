package com.fourrunr.campaign.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RedactionTest {
  @Test
  void jdbcUrlsLoseTheirPasswordInEveryForm() {
    assertThat(Redaction.jdbcUrl("jdbc:postgresql://user:s3cretpw@no-such-host.invalid/db"))
        .isEqualTo("jdbc:postgresql://user:****@no-such-host.invalid/db");
    assertThat(
            Redaction.jdbcUrl(
                "jdbc:postgresql://db:5432/campaign?user=app&password=s3cretpw&ssl=true"))
        .isEqualTo("jdbc:postgresql://db:5432/campaign?user=app&password=****&ssl=true");
    assertThat(Redaction.jdbcUrl("jdbc:h2:file:./data;USER=sa;PASSWORD=s3cretpw;WRITE_DELAY=0"))
        .isEqualTo("jdbc:h2:file:./data;USER=sa;PASSWORD=****;WRITE_DELAY=0");
    assertThat(Redaction.jdbcUrl("jdbc:postgresql://db:5432/campaign"))
        .isEqualTo("jdbc:postgresql://db:5432/campaign");
  }

  @Test
  void configuredSecretsAreReplacedWhereverTheyAppear() {
    Redaction r = Redaction.of(List.of(Secret.of("sk-test-ABCDEF123456"), Secret.of("pw")));
    assertThat(r.apply("401: Incorrect API key provided: sk-test-ABCDEF123456. See https://x"))
        .isEqualTo("401: Incorrect API key provided: ****. See https://x");
    // Too short to search for: would match ordinary words.
    assertThat(r.apply("pwd is fine")).isEqualTo("pwd is fine");
    assertThat(r.apply(null)).isNull();
  }
}
