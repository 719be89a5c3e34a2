/**
 * Channels besides email: LinkedIn as the fallback for leads who do not answer the email sequence.
 * A LinkedIn step is a {@link com.fourrunr.campaign.channel.ChannelTask} for a person, prepared,
 * limited per {@link com.fourrunr.campaign.channel.LinkedInAccount account} and tracked by the
 * engine, handed out through a {@link com.fourrunr.campaign.channel.TaskSink} and kept in a {@link
 * com.fourrunr.campaign.channel.ChannelTaskStore}. {@link
 * com.fourrunr.campaign.channel.ChannelReport} compares response rates per channel and step. See
 * {@code docs/linkedin.md}.
 */
@NullMarked
package com.fourrunr.campaign.channel;

import org.jspecify.annotations.NullMarked;
