package com.fourrunr.campaign.service.boot;

import com.fourrunr.campaign.CampaignEngine;
import com.fourrunr.campaign.EnrolmentReport;
import com.fourrunr.campaign.InvalidInputException;
import com.fourrunr.campaign.csv.CsvLeadSource;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.context.SmartLifecycle;

/**
 * {@code serve --leads FILE}: enrols the file once every bean is ready and before the runner sends
 * or the web server answers (the first phase), so a start killed at any later point has the whole
 * file enrolled.
 */
final class LeadsAtStart implements SmartLifecycle {
  private final Path leads;
  private final BeanFactory beans;
  private @Nullable EnrolmentReport report;
  private boolean running;

  LeadsAtStart(Path leads, BeanFactory beans) {
    this.leads = leads;
    this.beans = beans;
  }

  @Override
  public synchronized void start() {
    if (report == null) {
      try {
        report = beans.getBean(CampaignEngine.class).enrol(CsvLeadSource.of(leads));
      } catch (InvalidInputException | UncheckedIOException e) {
        throw new Failed(String.valueOf(e.getMessage()));
      }
    }
    running = true;
  }

  @Override
  public synchronized void stop() {
    running = false;
  }

  @Override
  public synchronized boolean isRunning() {
    return running;
  }

  /** Before the web server and the runner. */
  @Override
  public int getPhase() {
    return 0;
  }

  /** The report, once started. */
  synchronized @Nullable EnrolmentReport report() {
    return report;
  }

  /** The file could not be used as a whole (empty, no email column, unreadable). */
  static final class Failed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Failed(String message) {
      super(message, null, false, false);
    }
  }
}
