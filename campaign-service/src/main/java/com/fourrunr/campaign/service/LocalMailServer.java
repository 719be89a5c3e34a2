package com.fourrunr.campaign.service;

/**
 * An SMTP server inside the host's process that keeps every message and lets nothing leave the
 * machine: what {@code ./campaign serve --demo-mail} sends to from a mailbox without its own SMTP
 * server. This module brings none (no test mail server on its class path); the command line hands
 * one in (GreenMail) through the Spring Boot service's start options.
 */
public interface LocalMailServer extends AutoCloseable {
  /** The host the server listens on, such as {@code 127.0.0.1}. */
  String host();

  /** The port the server listens on. */
  int port();

  /** Stops the server. */
  @Override
  void close();

  /** Starts a {@link LocalMailServer} when the service needs one. */
  @FunctionalInterface
  interface Starter {
    /** Starts the server; it is closed with the service. */
    LocalMailServer start();
  }
}
