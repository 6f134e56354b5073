package dev.gatehouse.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The per-policy memo of matching statements: grows, answers, and stops at its bound. */
class ActionMemoTest {

  @Test
  void remembersUpToItsBound() {
    ActionMemo memo = new ActionMemo(100);
    CompiledStatement[] none = new CompiledStatement[0];
    for (int i = 0; i < 150; i++) {
      memo.put("svc:action" + i, none);
    }
    assertThat(memo.size()).isEqualTo(100);
    assertThat(memo.get("svc:action0")).isSameAs(none);
    assertThat(memo.get("svc:action99")).isSameAs(none);
    assertThat(memo.get("svc:action100")).isNull();
    assertThat(memo.get("other")).isNull();
    memo.put("svc:action0", new CompiledStatement[0]);
    assertThat(memo.get("svc:action0")).isSameAs(none);
  }
}
