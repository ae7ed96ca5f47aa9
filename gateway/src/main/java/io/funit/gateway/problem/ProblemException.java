package io.funit.gateway.problem;

/** Fails a request with a given problem document; handlers throw it or pass it to {@code ctx.fail}. */
public class ProblemException extends RuntimeException {
  private final Problem problem;

  public ProblemException(Problem problem) {
    super(problem.detail(), null, false, false);
    this.problem = problem;
  }

  public Problem problem() {
    return problem;
  }

  public static ProblemException notFound(String detail) {
    return new ProblemException(Problem.of(404, "not-found", "Not found", detail));
  }

  public static ProblemException badRequest(String field, String detail) {
    return new ProblemException(Problem.of(400, "bad-request", "Bad request", detail).withField(field));
  }

  public static ProblemException invalid(String field, String detail) {
    return new ProblemException(Problem.of(422, "invalid-request", "Invalid request", detail).withField(field));
  }

  public static ProblemException conflict(String detail) {
    return new ProblemException(Problem.of(409, "conflict", "Conflict", detail));
  }

  public static ProblemException unavailable(String detail) {
    return new ProblemException(Problem.of(503, "unavailable", "Service unavailable", detail));
  }
}
