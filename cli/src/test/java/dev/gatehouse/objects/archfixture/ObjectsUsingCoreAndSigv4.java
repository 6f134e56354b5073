package dev.gatehouse.objects.archfixture;

import dev.gatehouse.core.objects.ObjectStore;
import dev.gatehouse.objects.FileObjectStore;
import dev.gatehouse.sigv4.Signer;

/**
 * Not production code: a class placed in the object stores that uses only core's port, sigv4 (to
 * re-sign) and the object stores themselves, for {@code ArchitectureRulesRefuseTest}.
 */
public final class ObjectsUsingCoreAndSigv4 {
  private ObjectsUsingCoreAndSigv4() {}

  static void usesThePort(ObjectStore store, FileObjectStore files, Signer signer) {}
}
