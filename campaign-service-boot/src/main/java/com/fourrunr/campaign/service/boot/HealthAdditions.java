package com.fourrunr.campaign.service.boot;

import com.fourrunr.campaign.ops.HealthReport;
import java.util.function.UnaryOperator;

/**
 * Components {@code campaign serve} adds to the health report (the DNS deliverability checks of its
 * mailboxes' domains), registered by {@link BootServe}; absent in an application that does not
 * start through it.
 */
record HealthAdditions(UnaryOperator<HealthReport> addTo) {}
