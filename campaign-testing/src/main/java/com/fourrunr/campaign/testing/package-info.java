/**
 * Fakes to test with, for the host's tests and ours: {@link InMemoryCampaignStore}, {@link
 * RecordingSender}, {@link ScriptedReplySource} and {@link SettableClock}.
 */
@NullMarked
package com.fourrunr.campaign.testing;

import org.jspecify.annotations.NullMarked;
