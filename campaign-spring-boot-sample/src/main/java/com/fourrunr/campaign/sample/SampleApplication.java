package com.fourrunr.campaign.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A plain Spring Boot application with the campaign starter: everything comes from {@code
 * application.yml}; nothing is wired by hand.
 */
@SpringBootApplication
public class SampleApplication {
  /** Starts the application. */
  public static void main(String[] args) {
    SpringApplication.run(SampleApplication.class, args);
  }
}
