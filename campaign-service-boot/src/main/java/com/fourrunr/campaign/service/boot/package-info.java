/**
 * The campaign service as a Spring Boot application, secure by default: operators sign in, API
 * tokens for {@code /api/*}, the inbound-mail webhook signed, timeouts, body limits and security
 * headers. Tracking and unsubscribe stay public (their tokens are signed).
 */
@NullMarked
package com.fourrunr.campaign.service.boot;

import org.jspecify.annotations.NullMarked;
