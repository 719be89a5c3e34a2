package com.fourrunr.campaign.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SegmentsTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "1-10|1-10",
        "35|11-50",
        "51-200|51-200",
        "201 - 500|201-500",
        "1,000+|501-1000",
        "1001-5000|1001-5000",
        "10,001+|5001+",
        "unknown|(unknown)",
        "''|(unknown)"
      })
  void companySizeFallsInTheBandOfItsLowerBound(String size, String band) {
    assertThat(Segments.sizeBand(size)).isEqualTo(band);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "CEO|c-level",
        "Co-Founder & CTO|c-level",
        "Chief Revenue Officer|c-level",
        "Owner|c-level",
        "VP Marketing|vp",
        "Senior Vice President, Sales|vp",
        "Head of Growth|director",
        "Director of IT|director",
        "Marketing Manager|manager",
        "Team Lead|manager",
        "Engineer|individual",
        "''|(unknown)"
      })
  void seniorityComesFromTheFirstMatchingTitleRule(String title, String level) {
    assertThat(Segments.seniority(title)).isEqualTo(level);
  }
}
