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

  @Test
  void answersEqualKeysThatAreNotTheSameInstance() {
    ActionMemo memo = new ActionMemo(10);
    CompiledStatement[] none = new CompiledStatement[0];
    memo.put("s3:getobject", none);
    String copy = new String("s3:getobject".toCharArray());
    assertThat(memo.get(copy)).isSameAs(none);
    assertThat(memo.get(new String("s3:putobject".toCharArray()))).isNull();
  }

  @Test
  void requestsShareOneInstancePerActionWhateverTheCase() {
    String a =
        new AuthorizationRequest(
                new Caller.AccountRoot("arn:aws:iam::111111111111:root", "111111111111"),
                "S3:GetObject",
                "*",
                "",
                RequestContext.empty())
            .actionLower();
    String b =
        new AuthorizationRequest(
                new Caller.AccountRoot("arn:aws:iam::111111111111:root", "111111111111"),
                "s3:getobject",
                "*",
                "",
                RequestContext.empty())
            .actionLower();
    assertThat(a).isEqualTo("s3:getobject").isSameAs(b);
    String fresh = new String("svc:neverseen".toCharArray());
    assertThat(AuthorizationRequest.canonical(fresh)).isSameAs(fresh);
    assertThat(AuthorizationRequest.canonical(new String("svc:neverseen".toCharArray())))
        .isSameAs(fresh);
  }
}
