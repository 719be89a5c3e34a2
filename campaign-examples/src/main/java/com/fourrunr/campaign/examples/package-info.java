/** The demo, the example host service and the {@code campaign} command-line tool. */
@NullMarked
package com.fourrunr.campaign.examples;

import org.jspecify.annotations.NullMarked;
