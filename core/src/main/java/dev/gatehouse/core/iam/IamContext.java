package dev.gatehouse.core.iam;

import dev.gatehouse.core.crypto.KeyRing;
import dev.gatehouse.core.domain.Arns;
import dev.gatehouse.core.domain.Group;
import dev.gatehouse.core.domain.Ids;
import dev.gatehouse.core.domain.ManagedPolicy;
import dev.gatehouse.core.domain.Role;
import dev.gatehouse.core.domain.User;
import dev.gatehouse.core.error.IamErrors;
import dev.gatehouse.core.managed.AwsManagedPolicy;
import dev.gatehouse.core.managed.ManagedPolicyCatalogue;
import dev.gatehouse.core.password.PasswordHasher;
import dev.gatehouse.core.store.ReadTransaction;
import dev.gatehouse.core.store.Store;
import dev.gatehouse.core.store.WriteTransaction;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/** What every IAM service needs; built once by {@link IamServices}. */
record IamContext(
    Store store,
    Clock clock,
    Ids ids,
    KeyRing keyRing,
    PolicyDocumentValidator validator,
    ManagedPolicyCatalogue catalogue,
    IamChangeListener listener,
    EntityReads reads,
    PasswordHasher hasher) {

  IamContext {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(ids, "ids");
    Objects.requireNonNull(keyRing, "keyRing");
    Objects.requireNonNull(validator, "validator");
    Objects.requireNonNull(catalogue, "catalogue");
    Objects.requireNonNull(listener, "listener");
    Objects.requireNonNull(reads, "reads");
    Objects.requireNonNull(hasher, "hasher");
  }

  /** Now, to the millisecond the store keeps. */
  Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  <T> T read(Function<? super ReadTransaction, ? extends T> work) {
    return store.read(work);
  }

  /** Commits, then tells the listener (so snapshots are rebuilt before the caller returns). */
  <T> T write(String accountId, Function<? super WriteTransaction, ? extends T> work) {
    T result = store.write(work);
    listener.committed(accountId);
    return result;
  }

  /** Commits, then tells the listener what changed ({@link Change}). */
  <T> T write(
      String accountId, Change change, Function<? super WriteTransaction, ? extends T> work) {
    return writeReporting(accountId, result -> change, work);
  }

  /**
   * Commits, then tells the listener what changed, as the write's result names it (e.g. the ARN of
   * a policy the write created).
   */
  <T> T writeReporting(
      String accountId,
      Function<? super T, Change> change,
      Function<? super WriteTransaction, ? extends T> work) {
    T result = store.write(work);
    listener.committed(accountId, change.apply(result));
    return result;
  }

  /**
   * Commits a write that records only a role's last use (bookkeeping), then tells the listener so:
   * the snapshots refresh that role's last use without a new generation.
   *
   * @param work the write; returns the id of the role whose use it recorded
   */
  void writeLastUse(String accountId, Function<? super WriteTransaction, String> work) {
    String roleId = store.write(work);
    listener.lastUseRecorded(accountId, roleId);
  }

  /**
   * A role as IAM shows it: its trust policy with principals by current ARN ({@link
   * TrustPrincipals#render}), looked up in memory where {@link #reads} keeps it. Called outside
   * store transactions.
   */
  Role shownRole(Role role) {
    return role.withAssumeRolePolicyDocument(
        TrustPrincipals.render(role.assumeRolePolicyDocument(), reads::principalArn));
  }

  /** An instance profile with its roles as IAM shows them ({@link #shownRole}). */
  InstanceProfileView shownProfile(InstanceProfileView view) {
    return new InstanceProfileView(
        view.profile(), view.roles().stream().map(this::shownRole).toList(), view.tags());
  }

  static User user(ReadTransaction tx, String accountId, String name) {
    return tx.users().user(accountId, name).orElseThrow(() -> IamErrors.noSuchUser(name));
  }

  static Group group(ReadTransaction tx, String accountId, String name) {
    return tx.groups().group(accountId, name).orElseThrow(() -> IamErrors.noSuchGroup(name));
  }

  static Role role(ReadTransaction tx, String accountId, String name) {
    return tx.roles().role(accountId, name).orElseThrow(() -> IamErrors.noSuchRole(name));
  }

  /**
   * A managed policy visible to {@code accountId}: its own customer managed policies and AWS's,
   * with the attachment count in that account.
   */
  Optional<ManagedPolicy> visiblePolicy(ReadTransaction tx, String accountId, String arn) {
    Optional<Arns.PolicyArn> parsed = Arns.parsePolicy(arn);
    if (parsed.isEmpty()) {
      return Optional.empty();
    }
    if (parsed.get().isAwsManaged()) {
      return catalogue
          .byArn(arn)
          .map(AwsManagedPolicy::policy)
          .map(p -> p.withAttachmentCount(tx.policies().entitiesForPolicy(accountId, arn).size()));
    }
    if (!parsed.get().accountId().equals(accountId)) {
      return Optional.empty();
    }
    return tx.policies().policy(accountId, arn);
  }
}
