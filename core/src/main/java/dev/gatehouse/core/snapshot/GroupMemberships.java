package dev.gatehouse.core.snapshot;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;

/**
 * A snapshot's groups as its reads show them ({@link IamSnapshot.GroupEntry}, by lower-case group
 * name) with each user's groups (lower-case user name to its groups' lower-case names, sorted; only
 * users in at least one group), and a delta's membership changes put into both. A user's change
 * looks at the groups that user was or is in, never at the account's other groups, so a write's
 * cost does not grow with the number of groups. Groups themselves, their policies and renames are
 * not deltas (a whole-account change), so every group a delta names is already there.
 */
final class GroupMemberships {
  private PersistentMap<String, IamSnapshot.GroupEntry> groups;
  private PersistentMap<String, List<String>> memberOf;

  GroupMemberships(
      PersistentMap<String, IamSnapshot.GroupEntry> groups,
      PersistentMap<String, List<String>> memberOf) {
    this.groups = groups;
    this.memberOf = memberOf;
  }

  /** Each user in a group to its groups, from the groups' members (a full build). */
  static Map<String, List<String>> memberOf(Map<String, IamSnapshot.GroupEntry> groups) {
    Map<String, List<String>> out = new HashMap<>();
    for (Map.Entry<String, IamSnapshot.GroupEntry> g : groups.entrySet()) {
      for (String user : g.getValue().members()) {
        out.computeIfAbsent(user, u -> new ArrayList<>()).add(g.getKey());
      }
    }
    out.replaceAll((user, in) -> in.stream().sorted().toList());
    return out;
  }

  /**
   * Makes {@code user} (lower-case name) a member of exactly the groups {@code in} (lower-case
   * names): only the entries whose members change are replaced.
   */
  void update(String user, SortedSet<String> in) {
    List<String> before = memberOf.getOrDefault(user, List.of());
    Set<String> touched = new HashSet<>(before);
    touched.addAll(in);
    for (String name : touched) {
      IamSnapshot.GroupEntry g = groups.get(name);
      if (g == null) {
        continue;
      }
      int at = Collections.binarySearch(g.members(), user);
      boolean wanted = in.contains(name);
      if ((at >= 0) != wanted) {
        List<String> members = new ArrayList<>(g.members());
        if (wanted) {
          members.add(-at - 1, user);
        } else {
          members.remove(at);
        }
        groups =
            groups.with(
                name, new IamSnapshot.GroupEntry(List.copyOf(members), g.inline(), g.attached()));
      }
    }
    List<String> now = List.copyOf(in);
    if (now.isEmpty()) {
      if (!before.isEmpty()) {
        memberOf = memberOf.without(user);
      }
    } else if (!before.equals(now)) {
      memberOf = memberOf.with(user, now);
    }
  }

  /** The group entries after the updates: the base's map itself when no membership changed. */
  PersistentMap<String, IamSnapshot.GroupEntry> groups() {
    return groups;
  }

  /** Each user's groups after the updates: the base's map itself when none changed. */
  PersistentMap<String, List<String>> memberOf() {
    return memberOf;
  }
}
