package com.fourrunr.campaign.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The service's default instance id: stable for one service, different for another, never a
 * password.
 */
class InstanceIdsTest {
  @Test
  void theSameServiceGetsTheSameIdAndAnotherPortOrDatabaseAnotherOne() {
    String id = InstanceIds.derive("Worker-1", 8080, "/srv/campaign-data/campaign.mv.db");

    assertThat(InstanceIds.derive("worker-1", 8080, "/srv/campaign-data/campaign.mv.db"))
        .isEqualTo(id);
    assertThat(id).startsWith("worker-1:8080/").hasSizeLessThanOrEqualTo(200);
    assertThat(InstanceIds.derive("worker-1", 8081, "/srv/campaign-data/campaign.mv.db"))
        .isNotEqualTo(id);
    assertThat(InstanceIds.derive("worker-1", 8080, "/srv/other/campaign.mv.db")).isNotEqualTo(id);
    assertThat(InstanceIds.derive("worker-2", 8080, "/srv/campaign-data/campaign.mv.db"))
        .isNotEqualTo(id);
    assertThat(InstanceIds.derive(null, 8080, "x")).startsWith("host:8080/");
    assertThat(InstanceIds.derive("h".repeat(500), 65535, "x")).hasSizeLessThanOrEqualTo(200);
  }

  @Test
  void thePasswordOfAJdbcUrlIsNotPartOfTheLocation() {
    String a =
        InstanceIds.databaseLocation(
            "jdbc:postgresql://app:s3cret-one@db:5432/c?ssl=true&password=p1", "app");
    String b =
        InstanceIds.databaseLocation(
            "jdbc:postgresql://app:other-two@db:5432/c?ssl=true&password=p2", "app");

    assertThat(a)
        .isEqualTo(b)
        .doesNotContain("s3cret-one")
        .doesNotContain("p1")
        .contains("db:5432/c");
    assertThat(InstanceIds.databaseLocation("jdbc:postgresql://db/c", "app"))
        .isNotEqualTo(InstanceIds.databaseLocation("jdbc:postgresql://db/d", "app"));
  }
}
