package dev.boxscore.query.service.alerts;

import dev.boxscore.query.rest.Caller;
import io.quarkus.arc.Arc;
import io.quarkus.arc.InjectableContext;
import io.quarkus.arc.ManagedContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Supplier;

/**
 * Runs work for one project outside an HTTP request, in a request context of its own whose caller
 * acts for the project: the analytics services then read that project's data through {@code
 * ProjectScope}, exactly as they do for the project's own API calls.
 */
@ApplicationScoped
class ProjectContext {
  private final Caller caller;

  ProjectContext(Caller caller) {
    this.caller = caller;
  }

  <T> T call(String projectId, Supplier<T> work) {
    ManagedContext requests = Arc.container().requestContext();
    // A context already active on this thread (a test's, say) is set aside, not reused: its
    // caller may be another project's.
    InjectableContext.ContextState outer = requests.isActive() ? requests.getState() : null;
    if (outer != null) {
      requests.deactivate();
    }
    requests.activate();
    try {
      caller.actFor(projectId);
      return work.get();
    } finally {
      requests.terminate();
      if (outer != null) {
        requests.activate(outer);
      }
    }
  }

  void run(String projectId, Runnable work) {
    call(
        projectId,
        () -> {
          work.run();
          return null;
        });
  }
}
