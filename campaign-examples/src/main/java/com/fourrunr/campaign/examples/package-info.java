/**
 * The demo and the {@code campaign} command-line tool; {@code campaign serve} runs
 * campaign-service.
 */
@NullMarked
package com.fourrunr.campaign.examples;

import org.jspecify.annotations.NullMarked;
