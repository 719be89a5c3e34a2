/** The rule-based {@link com.fourrunr.campaign.ReplyClassifier}: headers first, then the text. */
@NullMarked
package com.fourrunr.campaign.reply;

import org.jspecify.annotations.NullMarked;
