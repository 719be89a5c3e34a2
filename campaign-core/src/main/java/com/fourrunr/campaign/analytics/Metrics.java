package com.fourrunr.campaign.analytics;

/**
 * The counts of one group of messages, and their rates. Every count is of messages (one per lead
 * and step), so a message opened five times counts once.
 *
 * <p>Rates: {@link #deliveryRate()} and {@link #bounceRate()} are over {@link #sent()}; every other
 * rate is over {@link #delivered()}. A rate over zero messages is 0.
 *
 * @param sent messages the mail server accepted or refused at once (sent plus synchronous bounces)
 * @param bounced messages that bounced, at once (SMTP 5xx) or later (a hard-bounce reply)
 * @param openedHuman messages opened at least once by a person (open events not flagged as machine
 *     traffic)
 * @param openedRaw messages opened at least once, machines included
 * @param clickedHuman messages with at least one click by a person
 * @param clickedRaw messages with at least one click, machines included
 * @param replied messages answered by a person (a reply whose category is written by a person)
 * @param positiveReplies messages answered with interest ({@code INTERESTED})
 * @param unsubscribed messages after which the person unsubscribed (a reply asking so, or the
 *     unsubscribe link), once per campaign
 * @param complaints messages answered with a spam complaint
 */
public record Metrics(
    long sent,
    long bounced,
    long openedHuman,
    long openedRaw,
    long clickedHuman,
    long clickedRaw,
    long replied,
    long positiveReplies,
    long unsubscribed,
    long complaints) {

  /** No messages. */
  public static final Metrics EMPTY = new Metrics(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

  /** Checks that no count is negative. */
  public Metrics {
    long[] all = {
      sent,
      bounced,
      openedHuman,
      openedRaw,
      clickedHuman,
      clickedRaw,
      replied,
      positiveReplies,
      unsubscribed,
      complaints
    };
    for (long v : all) {
      if (v < 0) {
        throw new IllegalArgumentException("counts must not be negative: " + v);
      }
    }
  }

  static Metrics of(long[] c) {
    return new Metrics(c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], c[9]);
  }

  /** The sum of two groups. */
  public Metrics plus(Metrics o) {
    return new Metrics(
        sent + o.sent,
        bounced + o.bounced,
        openedHuman + o.openedHuman,
        openedRaw + o.openedRaw,
        clickedHuman + o.clickedHuman,
        clickedRaw + o.clickedRaw,
        replied + o.replied,
        positiveReplies + o.positiveReplies,
        unsubscribed + o.unsubscribed,
        complaints + o.complaints);
  }

  /** This group without another that it contains (for "the rest of the segments"). */
  public Metrics minus(Metrics o) {
    return new Metrics(
        sent - o.sent,
        bounced - o.bounced,
        openedHuman - o.openedHuman,
        openedRaw - o.openedRaw,
        clickedHuman - o.clickedHuman,
        clickedRaw - o.clickedRaw,
        replied - o.replied,
        positiveReplies - o.positiveReplies,
        unsubscribed - o.unsubscribed,
        complaints - o.complaints);
  }

  /** Sent and not bounced. */
  public long delivered() {
    return Math.max(0, sent - bounced);
  }

  /** delivered / sent. */
  public double deliveryRate() {
    return ratio(delivered(), sent);
  }

  /** bounced / sent. */
  public double bounceRate() {
    return ratio(bounced, sent);
  }

  /** openedHuman / delivered. */
  public double openRateHuman() {
    return ratio(openedHuman, delivered());
  }

  /** openedRaw / delivered. */
  public double openRateRaw() {
    return ratio(openedRaw, delivered());
  }

  /** clickedHuman / delivered. */
  public double clickRateHuman() {
    return ratio(clickedHuman, delivered());
  }

  /** clickedRaw / delivered. */
  public double clickRateRaw() {
    return ratio(clickedRaw, delivered());
  }

  /** replied / delivered. */
  public double replyRate() {
    return ratio(replied, delivered());
  }

  /** positiveReplies / delivered. */
  public double positiveReplyRate() {
    return ratio(positiveReplies, delivered());
  }

  /** unsubscribed / delivered. */
  public double unsubscribeRate() {
    return ratio(unsubscribed, delivered());
  }

  /** complaints / delivered. */
  public double complaintRate() {
    return ratio(complaints, delivered());
  }

  static double ratio(long a, long b) {
    return b == 0 ? 0.0 : (double) a / b;
  }
}
