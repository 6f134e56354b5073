package dev.gatehouse.core.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.policy.PolicyKind;
import org.junit.jupiter.api.Test;

class CompiledPoliciesTest {
  static final String DOC = SnapshotsTest.DOC;
  static final String OTHER = DOC.replace("GetObject", "PutObject");

  @Test
  void theSameContentIsCompiledOnce() {
    CompiledPolicies cache = CompiledPolicies.bounded(10);
    PolicyDocument a = cache.document(DOC, PolicyKind.IDENTITY, "role/r/p");
    // A new string with the same text, as the store returns it on every read.
    PolicyDocument b =
        cache.document(new String(DOC.toCharArray()), PolicyKind.IDENTITY, "role/r/p");
    assertThat(b).isSameAs(a);
    assertThat(b.compiled()).isSameAs(a.compiled());
    assertThat(cache.compilations()).isEqualTo(1);
    assertThat(cache.size()).isEqualTo(1);
  }

  @Test
  void changedTextKindOrSourceIsCompiledAgain() {
    CompiledPolicies cache = CompiledPolicies.bounded(10);
    PolicyDocument a = cache.document(DOC, PolicyKind.IDENTITY, "role/r/p");
    PolicyDocument changed = cache.document(OTHER, PolicyKind.IDENTITY, "role/r/p");
    PolicyDocument boundary = cache.document(DOC, PolicyKind.BOUNDARY, "role/r/p");
    PolicyDocument renamed = cache.document(DOC, PolicyKind.IDENTITY, "role/r/q");
    assertThat(changed.compiled()).isNotSameAs(a.compiled());
    assertThat(changed.json()).isEqualTo(OTHER);
    assertThat(boundary.compiled()).isNotSameAs(a.compiled());
    // A decision names the policy by its source: the same text elsewhere is its own entry.
    assertThat(renamed.compiled().name()).isEqualTo("role/r/q");
    assertThat(a.compiled().name()).isEqualTo("role/r/p");
    assertThat(cache.compilations()).isEqualTo(4);
  }

  @Test
  void evictionDropsTheLeastRecentlyUsedAndItIsCompiledAgainWhenNeeded() {
    CompiledPolicies cache = CompiledPolicies.bounded(2);
    PolicyDocument a = cache.document(DOC, PolicyKind.IDENTITY, "a");
    PolicyDocument b = cache.document(DOC, PolicyKind.IDENTITY, "b");
    assertThat(cache.document(DOC, PolicyKind.IDENTITY, "a")).isSameAs(a); // a is now recent
    cache.document(DOC, PolicyKind.IDENTITY, "c"); // evicts b
    assertThat(cache.size()).isEqualTo(2);
    assertThat(cache.document(DOC, PolicyKind.IDENTITY, "a")).isSameAs(a);
    PolicyDocument b2 = cache.document(DOC, PolicyKind.IDENTITY, "b");
    assertThat(b2).isNotSameAs(b).isEqualTo(new PolicyDocument("b", DOC, b2.compiled()));
    // What an evicted entry's holder keeps still works.
    assertThat(b.compiled().name()).isEqualTo("b");
    assertThat(cache.compilations()).isEqualTo(4);
  }

  @Test
  void aDisabledCacheCompilesEveryTime() {
    CompiledPolicies cache = CompiledPolicies.disabled();
    PolicyDocument a = cache.document(DOC, PolicyKind.IDENTITY, "a");
    assertThat(cache.document(DOC, PolicyKind.IDENTITY, "a")).isNotSameAs(a);
    assertThat(cache.size()).isZero();
    assertThat(cache.compilations()).isEqualTo(2);
  }

  @Test
  void aStoredDocumentThatDoesNotCompileFailsTheBuildAndIsNotKept() {
    CompiledPolicies cache = CompiledPolicies.bounded(10);
    assertThatThrownBy(() -> cache.document("{\"Statement\":7}", PolicyKind.IDENTITY, "user/u/x"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("stored policy user/u/x does not compile");
    assertThat(cache.size()).isZero();
    assertThatThrownBy(() -> CompiledPolicies.bounded(-1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
