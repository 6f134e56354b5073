package dev.gatehouse.core.archfixture;

import dev.gatehouse.core.iam.IamServices;
import dev.gatehouse.core.store.Store;
import dev.gatehouse.policy.Policy;
import java.util.List;

/**
 * Not production code: a class placed in core that uses only what core may use (itself, policy, the
 * JDK), for {@code ArchitectureRulesRefuseTest}.
 */
public final class CoreKeepingToItself {
  private CoreKeepingToItself() {}

  static void usesCoreAndPolicy(IamServices iam, Store store, Policy policy, List<String> names) {}
}
