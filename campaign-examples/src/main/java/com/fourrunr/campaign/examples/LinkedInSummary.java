package com.fourrunr.campaign.examples;

import com.fourrunr.campaign.channel.ChannelReport;
import com.fourrunr.campaign.channel.ChannelTask;
import java.util.List;

/**
 * The LinkedIn part of a demo run: the tasks prepared for the leads who did not answer the emails,
 * the leads with a LinkedIn profile that got none (and why), and the analytics by channel.
 *
 * @param tasks every channel task at the end of the run, by lead id then creation
 * @param notEligible leads with a LinkedIn profile that got no task, each with the reason ({@code
 *     L-003: campaign RESPONDED})
 * @param channels response rates per channel and step, and the lift of the fallback
 */
public record LinkedInSummary(
    List<ChannelTask> tasks, List<String> notEligible, ChannelReport channels) {
  /** Freezes the lists. */
  public LinkedInSummary {
    tasks = List.copyOf(tasks);
    notEligible = List.copyOf(notEligible);
  }

  /** The lead ids that got a connection-note task. */
  public List<String> leadsWithTasks() {
    return tasks.stream().map(ChannelTask::leadId).distinct().toList();
  }
}
