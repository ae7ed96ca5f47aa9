package io.funit.common.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.funit.common.json.Json;
import java.util.stream.Collectors;

/** Turns an untrusted JSON tree into the typed request of a job type, with an error naming the field. */
public final class JobRequests {
  private JobRequests() {}

  public static <R extends JobRequest> R parse(Class<R> type, JsonNode json) {
    if (json == null || !json.isObject()) {
      throw new InvalidRequestException("request", "must be a JSON object");
    }
    try {
      // a fraction where a whole number belongs (k: [1.5]) is refused, not truncated
      return Json.MAPPER.readerFor(type).without(DeserializationFeature.ACCEPT_FLOAT_AS_INT).readValue(json);
    } catch (ValueInstantiationException e) {
      // the compact constructor threw: keep its own field and message
      if (e.getCause() instanceof InvalidRequestException invalid) {
        throw invalid;
      }
      throw new InvalidRequestException(path(e), e.getOriginalMessage());
    } catch (InvalidFormatException e) {
      throw new InvalidRequestException(path(e), "cannot read '" + e.getValue() + "' as "
          + e.getTargetType().getSimpleName().toLowerCase(java.util.Locale.ROOT));
    } catch (MismatchedInputException e) {
      throw new InvalidRequestException(path(e), "has the wrong JSON type");
    } catch (JsonProcessingException e) {
      if (e.getCause() instanceof InvalidRequestException invalid) {
        throw invalid;
      }
      throw new InvalidRequestException("request", e.getOriginalMessage());
    } catch (IllegalArgumentException e) {
      if (e.getCause() instanceof InvalidRequestException invalid) {
        throw invalid;
      }
      throw new InvalidRequestException("request", e.getMessage());
    } catch (java.io.IOException e) {
      throw new InvalidRequestException("request", e.getMessage()); // a tree is in memory: no I/O happens
    }
  }

  private static String path(com.fasterxml.jackson.databind.JsonMappingException e) {
    String path = e.getPath().stream()
        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
        .collect(Collectors.joining(".")).replace(".[", "[");
    return path.isEmpty() ? "request" : path;
  }
}
