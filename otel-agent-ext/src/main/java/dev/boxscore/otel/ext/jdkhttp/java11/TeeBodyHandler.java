package dev.boxscore.otel.ext.jdkhttp.java11;

import dev.boxscore.otel.ext.rawhttp.RawLlmCall;
import java.net.http.HttpResponse;

/** The application's body handler, whose subscriber gets a {@link TeeBodySubscriber} around it. */
public final class TeeBodyHandler<T> implements HttpResponse.BodyHandler<T> {
  private final HttpResponse.BodyHandler<T> delegate;
  private final RawLlmCall call;

  public TeeBodyHandler(HttpResponse.BodyHandler<T> delegate, RawLlmCall call) {
    this.delegate = delegate;
    this.call = call;
  }

  @Override
  public HttpResponse.BodySubscriber<T> apply(HttpResponse.ResponseInfo info) {
    try {
      call.onResponse(
          info.statusCode(),
          info.headers().firstValue("content-type").orElse(null),
          declaredLength(info));
    } catch (Throwable t) {
      // never into user code
    }
    HttpResponse.BodySubscriber<T> subscriber = delegate.apply(info);
    return subscriber == null ? null : new TeeBodySubscriber<T>(subscriber, call);
  }

  private static long declaredLength(HttpResponse.ResponseInfo info) {
    try {
      return info.headers().firstValueAsLong("content-length").orElse(-1);
    } catch (NumberFormatException e) {
      return -1; // a malformed header: the kept copy just starts small
    }
  }
}
