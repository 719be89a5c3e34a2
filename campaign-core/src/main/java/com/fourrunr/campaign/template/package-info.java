/**
 * The template {@link com.fourrunr.campaign.MessageGenerator}: personalised messages without a
 * network.
 */
@NullMarked
package com.fourrunr.campaign.template;

import org.jspecify.annotations.NullMarked;
