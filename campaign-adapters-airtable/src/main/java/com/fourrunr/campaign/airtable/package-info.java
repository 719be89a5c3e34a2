/**
 * The Airtable adapter: {@link com.fourrunr.campaign.airtable.AirtableLeadSource}, a {@link
 * com.fourrunr.campaign.LeadSource} over an Airtable view, and {@link
 * com.fourrunr.campaign.airtable.AirtableSync}, a {@link com.fourrunr.campaign.CampaignListener}
 * that keeps each lead's campaign fields current in the table and applies a person's changes made
 * there. Both talk through one {@link com.fourrunr.campaign.airtable.AirtableClient}, which keeps
 * within Airtable's limits (5 requests a second per base, 10 records per write, a 30 second wait
 * after a 429). See {@code docs/airtable.md}.
 */
@NullMarked
package com.fourrunr.campaign.airtable;

import org.jspecify.annotations.NullMarked;
