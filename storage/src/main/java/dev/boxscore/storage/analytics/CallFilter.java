package dev.boxscore.storage.analytics;

/**
 * Which LLM calls an analytics question is about; a null field means "any". {@code model} matches
 * the request or the response model.
 */
public record CallFilter(
    String service,
    String provider,
    String model,
    String requestModel,
    String responseModel,
    String promptFingerprint,
    String promptVersion) {

  public static final CallFilter ANY = new CallFilter(null, null, null, null, null, null, null);

  public CallFilter withModel(String m) {
    return new CallFilter(
        service, provider, m, requestModel, responseModel, promptFingerprint, promptVersion);
  }

  public CallFilter withRequestModel(String m) {
    return new CallFilter(
        service, provider, model, m, responseModel, promptFingerprint, promptVersion);
  }
}
