package dev.gatehouse.console.archfixture;

import dev.gatehouse.core.iam.ConsoleSignIn;
import dev.gatehouse.core.iam.IamServices;
import dev.gatehouse.core.iam.Users;
import dev.gatehouse.core.org.Organizations;
import dev.gatehouse.core.snapshot.Snapshots;
import dev.gatehouse.core.store.Store;
import dev.gatehouse.core.store.StoreException;
import dev.gatehouse.core.sts.MfaDevices;
import dev.gatehouse.core.sts.Revocations;
import dev.gatehouse.core.sts.SessionIssuer;

/**
 * Not production code: a console class that uses core's services and stores directly, for {@code
 * ArchitectureRulesRefuseTest}.
 */
public final class ConsoleReachingIntoCore {
  private ConsoleReachingIntoCore() {}

  static void usesIamServices(IamServices iam, Users users) {}

  static void signsInThroughCore(ConsoleSignIn signIn) {}

  /** A value, but one nested in a service: part of that service's interface. */
  static boolean readsACoreServiceOutcome(Object outcome) {
    return outcome instanceof ConsoleSignIn.Outcome.SignedIn;
  }

  static void opensTheStore(Store store) {}

  /** A value, but of the store port. */
  static void catchesStoreFailures(StoreException e) {}

  static void readsSnapshots(Snapshots snapshots) {}

  static void usesStsServices(MfaDevices devices, SessionIssuer issuer, Revocations revocations) {}

  static void usesOrganizations(Organizations organizations) {}
}
