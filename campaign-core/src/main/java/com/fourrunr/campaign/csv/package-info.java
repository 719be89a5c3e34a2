/** Reading leads from CSV files: {@link com.fourrunr.campaign.csv.CsvLeadSource}. */
@NullMarked
package com.fourrunr.campaign.csv;

import org.jspecify.annotations.NullMarked;
