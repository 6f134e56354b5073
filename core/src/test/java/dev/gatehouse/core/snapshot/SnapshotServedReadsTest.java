package dev.gatehouse.core.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.domain.Account;
import dev.gatehouse.core.domain.EntityKind;
import dev.gatehouse.core.error.GatehouseException;
import dev.gatehouse.core.iam.IamServices;
import dev.gatehouse.core.iam.Page;
import dev.gatehouse.core.iam.PageRequest;
import dev.gatehouse.core.iam.Roles;
import dev.gatehouse.core.iam.Users;
import dev.gatehouse.core.managed.ManagedPolicyCatalogue;
import dev.gatehouse.core.store.MemoryStore;
import dev.gatehouse.core.store.Store;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Differential: every IAM read that the snapshot serves (the services built with {@link Snapshots}
 * as their {@code EntityReads}) answers exactly what the same read served by the store answers
 * ({@code EntityReads.of(store)}), for the same account state, after each of a sequence of random
 * writes (applied to the snapshot as deltas or rebuilds): the same items in the same order, the
 * same markers and truncation, and the same errors with the same messages.
 */
class SnapshotServedReadsTest {
  static final String A = SnapshotsTest.A;
  static final String[] NAMES = SnapshotDeltaTest.NAMES;
  static final List<String> PREFIXES = List.of("", "/", "/eng/", "/ops/");

  private final Store store = new MemoryStore();
  private final Snapshots snapshots = new Snapshots(store, ManagedPolicyCatalogue.bundled());
  private final IamServices served =
      SnapshotsTest.services(store, snapshots).reads(snapshots).build();
  private final IamServices fromStore = SnapshotsTest.services(store, snapshots).build();

  SnapshotServedReadsTest() {
    store.write(
        tx -> {
          tx.accounts().createAccount(new Account(A, Clock.systemUTC().instant()));
          return null;
        });
  }

  /** A read's answer, or its error: code and message. */
  private static Object outcome(Supplier<?> read) {
    try {
      return read.get();
    } catch (GatehouseException e) {
      return e.code() + ": " + e.getMessage();
    }
  }

  /** Every page of a listing, with MaxItems {@code max}, following the markers. */
  private static Object pages(int max, Function<PageRequest, Page<?>> list) {
    return outcome(
        () -> {
          List<Object> all = new ArrayList<>();
          PageRequest request = new PageRequest("", max);
          while (true) {
            Page<?> page = list.apply(request);
            all.add(page.items());
            all.add(page.marker());
            if (page.marker().isEmpty() || all.size() > 200) {
              return all;
            }
            request = new PageRequest(page.marker().get(), max);
          }
        });
  }

  /** Each moved read, keyed by what it asked, through {@code iam}. */
  static Map<String, Object> reads(IamServices iam) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (int max : new int[] {1, 100}) {
      for (String prefix : PREFIXES) {
        out.put("ListUsers " + prefix + max, pages(max, p -> iam.users().listUsers(A, prefix, p)));
        out.put("ListRoles " + prefix + max, pages(max, p -> iam.roles().listRoles(A, prefix, p)));
        out.put(
            "ListGroups " + prefix + max, pages(max, p -> iam.groups().listGroups(A, prefix, p)));
      }
    }
    for (String n : NAMES) {
      for (String name : n.equals("a") ? List.of(n, "A") : List.of(n)) {
        String user = "u" + name;
        String group = "g" + name;
        out.put("GetUser " + user, outcome(() -> iam.users().getUser(A, user)));
        out.put("GetRole r" + name, outcome(() -> iam.roles().getRole(A, "r" + name)));
        for (int max : new int[] {1, 100}) {
          out.put(
              "GetGroup " + group + max,
              pages(max, p -> iam.groups().getGroup(A, group, p).users()));
          out.put(
              "GetGroup group " + group + max,
              outcome(() -> iam.groups().getGroup(A, group, new PageRequest("", max)).group()));
          out.put(
              "ListGroupsForUser " + user + max,
              pages(max, p -> iam.groups().listGroupsForUser(A, user, p)));
        }
        for (EntityKind kind : SnapshotDeltaTest.KINDS) {
          String entity = kind.name().substring(0, 1).toLowerCase(Locale.ROOT) + name;
          for (String prefix : List.of("", "/", "/service-role/")) {
            out.put(
                "ListAttached " + kind + " " + entity + prefix,
                pages(1, p -> iam.attachments().listAttached(A, kind, entity, prefix, p)));
          }
          out.put(
              "ListPolicies " + kind + " " + entity,
              pages(1, p -> iam.inlinePolicies().list(A, kind, entity, p)));
          for (String m : NAMES) {
            for (String policy : m.equals("a") ? List.of("ia", "IA") : List.of("i" + m)) {
              out.put(
                  "GetPolicy " + kind + " " + entity + " " + policy,
                  outcome(() -> iam.inlinePolicies().get(A, kind, entity, policy)));
            }
          }
        }
      }
    }
    return out;
  }

  /** Beyond {@link SnapshotDeltaTest#randomWrite}: users, groups and roles under paths. */
  private static void randomWrite(IamServices iam, Random random) {
    String n = NAMES[random.nextInt(NAMES.length)];
    String path = PREFIXES.get(1 + random.nextInt(PREFIXES.size() - 1));
    String m = NAMES[random.nextInt(NAMES.length)];
    switch (random.nextInt(16)) {
      case 0 ->
          iam.users().createUser(A, new Users.CreateUserRequest("u" + n, path, "", List.of()));
      case 1 -> iam.groups().createGroup(A, "g" + n, path);
      case 2 -> iam.users().updateUser(A, "u" + n, "", path);
      case 3 -> iam.groups().updateGroup(A, "g" + n, "", path);
      // Memberships are deltas (the user's change): more of them than the mix below has.
      case 4, 5 -> iam.groups().addUserToGroup(A, "g" + n, "u" + m);
      case 6, 7 -> iam.groups().removeUserFromGroup(A, "g" + n, "u" + m);
      default -> SnapshotDeltaTest.randomWrite(iam, random);
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6})
  void everyServedReadAnswersWhatTheStoreAnswers(long seed) {
    Random random = new Random(seed);
    for (int i = 0; i < 200; i++) {
      try {
        randomWrite(served, random);
      } catch (GatehouseException e) {
        // refused by the rules: nothing changed
      }
      if (random.nextInt(3) != 0) {
        assertThat(reads(served)).as("seed %d, write %d", seed, i).isEqualTo(reads(fromStore));
      }
    }
    assertThat(reads(served)).isEqualTo(reads(fromStore));
    assertThat(snapshots.deltas()).isPositive();
  }

  /** Pages as ListUsers cut them before the snapshot kept users in order: the store's, sliced. */
  private Object storeUserPages(String prefix, int max) {
    return pages(
        max,
        p ->
            Page.slice(
                store.read(tx -> tx.users().users(A)).stream()
                    .filter(u -> u.path().startsWith(prefix))
                    .toList(),
                u -> u.name().toLowerCase(Locale.ROOT),
                p));
  }

  private Object storeRolePages(String prefix, int max) {
    return pages(
        max,
        p ->
            Page.slice(
                store.read(tx -> tx.roles().roles(A)).stream()
                    .filter(r -> r.path().startsWith(prefix))
                    .toList(),
                r -> r.name().toLowerCase(Locale.ROOT),
                p));
  }

  @Test
  void pagesOverManyUsersAndRolesAreTheStoresSliced() {
    Random random = new Random(7);
    for (int i = 0; i < 300; i++) {
      // Mixed case and shared prefixes: "U1" sorts among "u1..." by its lower-case name.
      String name = (random.nextBoolean() ? "U" : "u") + Integer.toString(i, 7) + "_x";
      String path = PREFIXES.get(1 + random.nextInt(PREFIXES.size() - 1));
      served.users().createUser(A, new Users.CreateUserRequest(name, path, "", List.of()));
      served
          .roles()
          .createRole(
              A,
              new Roles.CreateRoleRequest(
                  "R" + name, path, SnapshotsTest.TRUST, "", 3600, "", List.of()));
      if (i % 50 == 49) {
        // Deltas in between: creates and deletes put in place in the snapshot's order.
        served.users().deleteUser(A, name);
        served.roles().deleteRole(A, "R" + name);
        served.users().listUsers(A, "", PageRequest.first());
      }
    }
    for (String prefix : PREFIXES) {
      for (int max : new int[] {1, 7, 100, 1000}) {
        assertThat(pages(max, p -> served.users().listUsers(A, prefix, p)))
            .as("ListUsers %s %d", prefix, max)
            .isEqualTo(storeUserPages(prefix, max));
        assertThat(pages(max, p -> served.roles().listRoles(A, prefix, p)))
            .as("ListRoles %s %d", prefix, max)
            .isEqualTo(storeRolePages(prefix, max));
      }
    }
    assertThat(snapshots.deltas()).isPositive();
  }
}
