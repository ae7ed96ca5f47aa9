package io.funit.gateway.problem;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem document, the body of every error response ({@code application/problem+json}).
 *
 * @param type a stable URI naming the kind of problem: {@code https://funit.dev/problems/<name>}; every name is
 *     listed in the {@code Problem} schema of {@code /openapi.json} and in the README, and a name never changes
 * @param title a short summary of the kind
 * @param status the HTTP status
 * @param detail what went wrong in this case
 * @param field the request field at fault, when one is
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String field) {
  public static final String MEDIA_TYPE = "application/problem+json";
  private static final String BASE = "https://funit.dev/problems/";

  public static Problem of(int status, String slug, String title, String detail) {
    return new Problem(BASE + slug, title, status, detail, null);
  }

  public Problem withField(String name) {
    return new Problem(type, title, status, detail, name);
  }
}
