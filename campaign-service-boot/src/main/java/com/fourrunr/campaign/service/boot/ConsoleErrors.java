package com.fourrunr.campaign.service.boot;

import com.fourrunr.campaign.InvalidInputException;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;

/** Bad input on a console page is answered 400 with its message on a page, never a stack trace. */
@ControllerAdvice(
    assignableTypes = {
      ReviewController.class,
      SuppressionController.class,
      DeadLetterController.class,
      UploadController.class
    })
class ConsoleErrors {
  @ExceptionHandler(InvalidInputException.class)
  @ResponseStatus(HttpStatus.BAD_REQUEST)
  String invalid(InvalidInputException e, Model model) {
    model.addAttribute("problem", String.valueOf(e.getMessage()));
    return "console/problem";
  }
}
