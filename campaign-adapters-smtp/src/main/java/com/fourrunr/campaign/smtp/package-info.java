/**
 * Email over SMTP with Eclipse Angus Mail: {@link com.fourrunr.campaign.smtp.SmtpSender},
 * configured by {@link com.fourrunr.campaign.smtp.SmtpConfig}.
 */
@NullMarked
package com.fourrunr.campaign.smtp;

import org.jspecify.annotations.NullMarked;
