package dev.boxscore.otel.ext.okhttp;

import dev.boxscore.otel.ext.rawhttp.RawLlmCall;
import java.io.IOException;
import java.util.List;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;

/**
 * Records a call to an LLM endpoint as a GenAI span (see {@link RawLlmCall}). The request body is
 * read only when it is small, repeatable and of known length; the response body reaches the
 * application unchanged through a tee. Whatever OkHttp throws reaches the caller as it would
 * without the interceptor.
 */
public final class LlmCallInterceptor implements Interceptor {
  static final LlmCallInterceptor INSTANCE = new LlmCallInterceptor();

  private LlmCallInterceptor() {}

  /** Adds the interceptor once (a builder made by {@code newBuilder()} already has it). */
  public static void addTo(List<Interceptor> interceptors) {
    for (Interceptor interceptor : interceptors) {
      if (interceptor instanceof LlmCallInterceptor) {
        return;
      }
    }
    interceptors.add(INSTANCE);
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    RawLlmCall call = start(request);
    if (call == null) {
      return chain.proceed(request);
    }
    Response response;
    call.attach();
    try {
      response = chain.proceed(request);
    } catch (IOException | RuntimeException | Error e) {
      call.fail(e);
      throw e;
    } finally {
      call.detach();
    }
    return observe(response, call);
  }

  private static RawLlmCall start(Request request) {
    try {
      String method = request.method();
      String host = request.url().host();
      String path = request.url().encodedPath();
      if (!RawLlmCall.wanted(method, host, path)) {
        return null;
      }
      return RawLlmCall.start(method, host, path, bodyBytes(request.body()));
    } catch (Throwable t) {
      return null;
    }
  }

  /** The request body when it can be read twice without harm, else null. */
  private static byte[] bodyBytes(RequestBody body) throws IOException {
    if (body == null || body.isOneShot() || body.isDuplex()) {
      return null;
    }
    long length = body.contentLength();
    if (length < 0 || length > RawLlmCall.MAX_REQUEST_BYTES) {
      return null;
    }
    Buffer buffer = new Buffer();
    body.writeTo(buffer);
    return buffer.readByteArray();
  }

  private static Response observe(Response response, RawLlmCall call) {
    try {
      ResponseBody body = response.body();
      MediaType type = body == null ? null : body.contentType();
      call.onResponse(
          response.code(),
          type == null ? response.header("Content-Type") : type.toString(),
          body == null ? -1 : body.contentLength());
      if (body == null) {
        call.complete();
        return response;
      }
      return response.newBuilder().body(new TeeResponseBody(body, call)).build();
    } catch (Throwable t) {
      call.complete();
      return response;
    }
  }
}
