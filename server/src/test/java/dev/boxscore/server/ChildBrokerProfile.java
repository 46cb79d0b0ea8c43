package dev.boxscore.server;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;

/**
 * Runs the application under test on {@link ChildBrokerResource}'s child-process broker instead of
 * the in-process one. Quarkus starts a second application for this profile (a few seconds plus the
 * child broker's start) and runs each application's test classes together; in the full suite the
 * default application's come first.
 */
public class ChildBrokerProfile implements QuarkusTestProfile {
  @Override
  public List<TestResourceEntry> testResources() {
    return List.of(new TestResourceEntry(ChildBrokerResource.class));
  }

  /**
   * EmbeddedInfrastructure would point the application at the in-process broker;
   * ChildBrokerResource replaces it.
   */
  @Override
  public boolean disableGlobalTestResources() {
    return true;
  }
}
