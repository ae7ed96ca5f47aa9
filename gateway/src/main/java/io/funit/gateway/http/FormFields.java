package io.funit.gateway.http;

import io.funit.gateway.problem.ProblemException;

/**
 * Numbers typed into a multipart form's text fields (dataset uploads, training imports): blank is absent, anything
 * else must parse, and a value that does not is a 400 naming its field, as a JSON body's would be.
 */
public final class FormFields {
  private FormFields() {}

  /** A whole number, or null when the field is absent or blank; its range is the request's to check. */
  public static Long wholeNumber(String field, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw ProblemException.badRequest(field, "must be a whole number, got '" + value + "'");
    }
  }

  /** A decimal number, or null when absent or blank; its range is the request's to check. */
  public static Double decimal(String field, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Double.parseDouble(value.trim());
    } catch (NumberFormatException e) {
      throw ProblemException.badRequest(field, "must be a number, got '" + value + "'");
    }
  }
}
