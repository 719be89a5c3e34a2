package com.fourrunr.campaign.analytics;

/**
 * The content variants (subject and/or body) of one step within one segment with the highest and
 * the lowest rate of the outcome, among the variants with at least the minimum sample, and whether
 * the data show that they differ. The names {@code best} and {@code worst} are kept for
 * compatibility: they are only the highest and lowest observed rates; unless {@link #differs()},
 * the difference may be chance.
 *
 * @param sequence the sequence's name
 * @param step the step
 * @param dimension the segment's dimension ({@link Segments#ALL} for every lead)
 * @param segment the segment
 * @param best the variant with the highest observed rate
 * @param bestRate its rate
 * @param bestSample its delivered messages
 * @param worst the variant with the lowest observed rate
 * @param worstRate its rate
 * @param worstSample its delivered messages
 * @param pValue the always-valid p-value of the highest against the lowest rate
 * @param adjustedPValue that p-value after Holm's correction over every row of the content table
 * @param differs whether the adjusted p-value is at most alpha (and the counts are not small)
 */
public record ContentPerformance(
    String sequence,
    String step,
    String dimension,
    String segment,
    String best,
    double bestRate,
    long bestSample,
    String worst,
    double worstRate,
    long worstSample,
    double pValue,
    double adjustedPValue,
    boolean differs) {

  /** A row without a test (p-values 1, not shown to differ), as in earlier versions. */
  public ContentPerformance(
      String sequence,
      String step,
      String dimension,
      String segment,
      String best,
      double bestRate,
      long bestSample,
      String worst,
      double worstRate,
      long worstSample) {
    this(
        sequence,
        step,
        dimension,
        segment,
        best,
        bestRate,
        bestSample,
        worst,
        worstRate,
        worstSample,
        1,
        1,
        false);
  }
}
