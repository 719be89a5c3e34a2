/** The Spring Boot sample application of the campaign starter. */
@NullMarked
package com.fourrunr.campaign.sample;

import org.jspecify.annotations.NullMarked;
