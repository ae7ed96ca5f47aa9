package io.funit.gateway.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.funit.common.json.Json;
import io.funit.gateway.problem.ProblemException;
import java.util.function.Function;

/**
 * Numbers and JSON objects typed into a multipart form's text fields (dataset uploads, training imports): blank is
 * absent, anything else must parse, and a value that does not is a 400 naming its field, as a JSON body's would
 * be. Ranges are the request's to check.
 */
public final class FormFields {
  private FormFields() {}

  /** A whole number, or null when the field is absent or blank. */
  public static Long wholeNumber(String field, String value) {
    return parse(field, value, Long::parseLong, "a whole number");
  }

  /** A decimal number, or null when the field is absent or blank. */
  public static Double decimal(String field, String value) {
    return parse(field, value, Double::parseDouble, "a number");
  }

  /** A JSON object, or null when the field is absent or blank. */
  public static JsonNode json(String field, String value) {
    return parse(field, value, text -> {
      JsonNode node;
      try {
        node = Json.MAPPER.readTree(text);
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException(e);
      }
      if (!node.isObject()) {
        throw new IllegalArgumentException("not an object");
      }
      return node;
    }, "a JSON object");
  }

  private static <T> T parse(String field, String value, Function<String, T> parser, String expected) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return parser.apply(value.trim());
    } catch (IllegalArgumentException e) { // NumberFormatException is one
      throw ProblemException.badRequest(field, "must be " + expected + ", got '" + value + "'");
    }
  }
}
