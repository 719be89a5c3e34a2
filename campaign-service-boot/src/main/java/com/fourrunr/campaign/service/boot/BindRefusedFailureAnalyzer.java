package com.fourrunr.campaign.service.boot;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints the refusal to bind as one clear message, with no stack trace. */
final class BindRefusedFailureAnalyzer
    extends AbstractFailureAnalyzer<BindAddressGuard.BindRefusedException> {
  BindRefusedFailureAnalyzer() {}

  @Override
  protected FailureAnalysis analyze(
      Throwable rootFailure, BindAddressGuard.BindRefusedException cause) {
    return new FailureAnalysis(
        cause.getMessage(),
        "Configure an operator, or bind to a loopback address (server.address=127.0.0.1).",
        cause);
  }
}
