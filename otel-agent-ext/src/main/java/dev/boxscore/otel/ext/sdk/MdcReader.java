package dev.boxscore.otel.ext.sdk;

import java.lang.ref.WeakReference;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reads the application's SLF4J MDC on the current thread. The extension lives in the agent's class
 * loader, which does not see the application's {@code org.slf4j.MDC}: the class is found through
 * the thread's context class loader and {@code MDC.get(String)} called by reflection. The method is
 * kept per class loader; where SLF4J is absent that is remembered too, and said once in the log.
 *
 * <p>Weak both ways, so that a redeployed application's class loader can go: the map holds the
 * loader weakly, and the method (which holds its class, hence the loader) through a weak reference,
 * looked up again once a garbage collection cleared it.
 */
final class MdcReader {
  private static final String MDC_CLASS = "org.slf4j.MDC";

  /** The value for a class loader that has no {@code org.slf4j.MDC}. */
  private static final Object NO_MDC = new Object();

  /** Class loader → {@code WeakReference<Method>} or {@link #NO_MDC}; guarded by itself. */
  private final Map<ClassLoader, Object> getters = new WeakHashMap<ClassLoader, Object>();

  private final AtomicBoolean absenceLogged = new AtomicBoolean();
  private final AtomicBoolean failureLogged = new AtomicBoolean();

  /** The value under {@code key} in the current thread's MDC, or null (also on any failure). */
  String get(String key) {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    if (loader == null) {
      loader = ClassLoader.getSystemClassLoader();
    }
    Method get = getter(loader);
    if (get == null) {
      return null;
    }
    try {
      Object value = get.invoke(null, key);
      return value instanceof String ? (String) value : null;
    } catch (Throwable t) {
      // not again for this class loader: an exception per span start would cost more than a call
      synchronized (getters) {
        getters.put(loader, NO_MDC);
      }
      logOnce(
          failureLogged,
          Level.WARNING,
          "reading the SLF4J MDC of " + loader + " failed; user and session are not read from it",
          t);
      return null;
    }
  }

  /** {@code MDC.get(String)} of the class loader, or null without SLF4J. */
  private Method getter(ClassLoader loader) {
    synchronized (getters) {
      Object known = getters.get(loader);
      if (known == NO_MDC) {
        return null;
      }
      if (known != null) {
        @SuppressWarnings("unchecked")
        Method method = ((WeakReference<Method>) known).get();
        if (method != null) {
          return method;
        }
      }
    }
    Method method = lookUp(loader);
    synchronized (getters) {
      getters.put(loader, method == null ? NO_MDC : new WeakReference<Method>(method));
    }
    return method;
  }

  private Method lookUp(ClassLoader loader) {
    try {
      return Class.forName(MDC_CLASS, false, loader).getMethod("get", String.class);
    } catch (Throwable t) {
      logOnce(
          absenceLogged,
          Level.INFO,
          "an MDC key is configured (boxscore.user.mdc-key / boxscore.session.mdc-key) but "
              + MDC_CLASS
              + " is not visible from "
              + loader
              + ": user and session are not read from the MDC on threads of that class loader",
          null);
      return null;
    }
  }

  private static void logOnce(AtomicBoolean logged, Level level, String message, Throwable error) {
    if (logged.compareAndSet(false, true)) {
      try {
        Logger.getLogger(MdcReader.class.getName()).log(level, message, error);
      } catch (Throwable t) {
        // logging must not fail a span start either
      }
    }
  }
}
