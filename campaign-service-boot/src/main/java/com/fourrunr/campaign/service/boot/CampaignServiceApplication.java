package com.fourrunr.campaign.service.boot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The campaign service as a Spring Boot application on the starter, secure by default: it listens
 * on 127.0.0.1 unless told otherwise, and refuses another address with no operator configured.
 */
@SpringBootApplication
public class CampaignServiceApplication {
  /** Created by Spring. */
  public CampaignServiceApplication() {}

  /**
   * Starts the service; {@code --new-operator=NAME} or {@code --new-api-token=NAME} print new
   * credentials instead.
   */
  public static void main(String[] args) {
    if (FirstRun.run(args, System.out)) {
      return;
    }
    SpringApplication.run(CampaignServiceApplication.class, args);
  }
}
