package com.fourrunr.campaign.service.boot;

import com.fourrunr.campaign.CampaignEngine;
import com.fourrunr.campaign.EnrolmentReport;
import com.fourrunr.campaign.InvalidInputException;
import com.fourrunr.campaign.Skip;
import com.fourrunr.campaign.SkipReason;
import com.fourrunr.campaign.csv.CsvLeadSource;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Lead upload ({@code /upload}): a CSV file (multipart, size-limited by {@code
 * spring.servlet.multipart.*}) is enrolled and the enrolment report shown: enrolled, skipped by
 * reason, rows in error.
 */
@Controller
class UploadController {
  /** The skip reasons that mean the row itself is wrong. */
  private static final Set<SkipReason> ROW_ERRORS = Set.of(SkipReason.INVALID_LEAD);

  private final CampaignEngine engine;

  UploadController(CampaignEngine engine) {
    this.engine = engine;
  }

  /** The report as the page shows it (kept in the session for one redirect). */
  record Summary(
      String file,
      int read,
      int enrolled,
      int skipped,
      Map<String, Integer> byReason,
      List<String> rowErrors,
      List<String> otherSkips)
      implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  @GetMapping("/upload")
  String form() {
    return "console/upload";
  }

  @PostMapping("/upload")
  String upload(@RequestParam("file") MultipartFile file, RedirectAttributes flash)
      throws IOException {
    if (file.isEmpty()) {
      flash.addFlashAttribute("error", "file: choose a CSV file with at least a header row");
      return "redirect:/upload";
    }
    String name = file.getOriginalFilename() == null ? "upload.csv" : file.getOriginalFilename();
    byte[] bytes = file.getBytes();
    try {
      EnrolmentReport report =
          engine.enrol(CsvLeadSource.ofBytes(name, () -> new ByteArrayInputStream(bytes)));
      flash.addFlashAttribute("report", summary(name, report));
      flash.addFlashAttribute(
          "notice", report.enrolled() + " of " + report.read() + " leads enrolled.");
    } catch (InvalidInputException e) {
      flash.addFlashAttribute("error", String.valueOf(e.getMessage()));
    }
    return "redirect:/upload";
  }

  @ExceptionHandler(MaxUploadSizeExceededException.class)
  String tooLarge(RedirectAttributes flash) {
    flash.addFlashAttribute("error", "file: larger than the upload limit");
    return "redirect:/upload";
  }

  private static Summary summary(String file, EnrolmentReport report) {
    Map<String, Integer> byReason = new LinkedHashMap<>();
    report.skippedByReason().forEach((reason, n) -> byReason.put(reason.name(), n));
    List<String> rowErrors = new ArrayList<>();
    List<String> others = new ArrayList<>();
    for (Skip s : report.skips()) {
      String line = s.location() + ": " + s.reason() + ": " + s.detail();
      (ROW_ERRORS.contains(s.reason()) ? rowErrors : others).add(line);
    }
    return new Summary(
        file,
        report.read(),
        report.enrolled(),
        report.skipped(),
        byReason,
        List.copyOf(rowErrors),
        List.copyOf(others));
  }
}
