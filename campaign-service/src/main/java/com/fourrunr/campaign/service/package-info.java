/** The example host service behind {@code ./campaign serve}: the library wired from configuration and served over HTTP. */
@NullMarked
package com.fourrunr.campaign.examples.service;

import org.jspecify.annotations.NullMarked;
