package com.fourrunr.campaign;

/**
 * What one {@link CampaignEngine#runDue()} did.
 *
 * @param sent messages the server accepted
 * @param retrying messages that failed for a passing reason and were rescheduled
 * @param failed messages given up
 * @param resumed paused campaigns resumed at their return date
 * @param moreDue whether due messages remain because the run reached its limit
 */
public record RunReport(int sent, int retrying, int failed, int resumed, boolean moreDue) {}
