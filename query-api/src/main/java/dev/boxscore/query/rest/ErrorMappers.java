package dev.boxscore.query.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.boxscore.query.api.ErrorResponse;
import dev.boxscore.storage.StorageException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error leaves the API as {@link ErrorResponse} JSON with the fitting status. */
public class ErrorMappers {
  private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

  @ServerExceptionMapper
  public Response badParameter(BadParameterException e) {
    return json(Response.Status.BAD_REQUEST, "bad_parameter", e.getMessage());
  }

  @ServerExceptionMapper
  public Response storage(StorageException e) {
    if (!e.unavailable()) {
      LOG.error("the trace store failed a query", e);
      return json(
          Response.Status.INTERNAL_SERVER_ERROR,
          "internal_error",
          "the trace store failed the query");
    }
    LOG.warn("storage unavailable for a query: " + e.getMessage());
    return Response.fromResponse(
            json(
                Response.Status.SERVICE_UNAVAILABLE,
                "storage_unavailable",
                "the trace store cannot be reached"))
        .header("Retry-After", "5")
        .build();
  }

  @ServerExceptionMapper
  public Response directory(dev.boxscore.auth.directory.DirectoryUnavailableException e) {
    LOG.warn("project directory unavailable: " + e.getMessage());
    return Response.fromResponse(
            json(
                Response.Status.SERVICE_UNAVAILABLE,
                "directory_unavailable",
                "the change could not be saved, retry"))
        .header("Retry-After", "5")
        .build();
  }

  /** A rule, channel or silence that is not valid; the message starts with the field. */
  @ServerExceptionMapper
  public Response invalidRule(dev.boxscore.alerting.rule.InvalidRuleException e) {
    return json(Response.Status.BAD_REQUEST, "bad_parameter", e.getMessage());
  }

  @ServerExceptionMapper
  public Response invalidSilence(dev.boxscore.alerting.silence.InvalidSilenceException e) {
    return json(Response.Status.BAD_REQUEST, "bad_parameter", e.getMessage());
  }

  @ServerExceptionMapper
  public Response readOnlyRule(
      dev.boxscore.query.service.alerts.AlertService.ReadOnlyRuleException e) {
    return json(Response.Status.CONFLICT, "conflict", e.getMessage());
  }

  @ServerExceptionMapper
  public Response notFound(NotFoundException e) {
    return json(
        Response.Status.NOT_FOUND,
        "not_found",
        e.getMessage() == null ? "not found" : e.getMessage());
  }

  /**
   * A request body that is not JSON, not the expected shape, or has a field of the wrong type or
   * unknown.
   */
  @ServerExceptionMapper
  public Response body(JsonProcessingException e) {
    return json(Response.Status.BAD_REQUEST, "bad_parameter", BodyErrors.describe(e));
  }

  /**
   * Quarkus maps this one itself (an empty 400): the more specific mapper here names the field
   * instead.
   */
  @ServerExceptionMapper
  public Response bodyShape(MismatchedInputException e) {
    return body(e);
  }

  @ServerExceptionMapper
  public Response web(WebApplicationException e) {
    if (e.getCause() instanceof JsonProcessingException json) {
      return body(json);
    }
    Response.StatusType status = e.getResponse().getStatusInfo();
    return Response.status(status)
        .type(MediaType.APPLICATION_JSON)
        .entity(
            new ErrorResponse(
                status.getReasonPhrase().toLowerCase().replace(' ', '_'), e.getMessage()))
        .build();
  }

  private static Response json(Response.Status status, String code, String message) {
    return Response.status(status)
        .type(MediaType.APPLICATION_JSON)
        .entity(new ErrorResponse(code, message))
        .build();
  }
}
