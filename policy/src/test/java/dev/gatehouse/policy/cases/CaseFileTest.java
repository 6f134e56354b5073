package dev.gatehouse.policy.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.policy.Outcome;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The three case-file shapes, named policies, and per-case errors. */
class CaseFileTest {
  private static final String ALLOW =
      "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:*\","
          + "\"Resource\":\"*\"}}";
  private static final String CASE_START =
      "\"request\":{\"principal\":\"arn:aws:iam::111111111111:user/a\","
          + "\"action\":\"s3:GetObject\",\"resource\":\"arn:aws:s3:::b/k\"},"
          + "\"identityPolicies\":[";

  private static String c(int i, String policy) {
    return "{\"id\":\"c" + i + "\"," + CASE_START + policy + "],\"expected\":\"Allowed\"}";
  }

  @Test
  void arrayOfCases() {
    CaseFile f = CaseFile.parse("[" + c(1, ALLOW) + "," + c(2, "") + "]");
    assertThat(f.cases()).extracting(PolicyCase::id).containsExactly("c1", "c2");
    assertThat(f.cases().get(0).evaluate().outcome()).contains(Outcome.ALLOWED);
    CaseResult second = f.cases().get(1).evaluate();
    assertThat(second.outcome()).contains(Outcome.IMPLICITLY_DENIED);
    assertThat(second.explanation())
        .containsExactly("because no identity-based policy allows the s3:GetObject action");
    assertThat(f.cases().get(1).expected()).contains(Outcome.ALLOWED);
  }

  @Test
  void objectWithNamedPoliciesCompilesEachOnce() {
    CaseFile f =
        CaseFile.parse(
            "{\"policies\":{\"P\":"
                + ALLOW
                + "},\"cases\":["
                + c(1, "\"P\"")
                + ","
                + c(2, "\"P\"")
                + "]}");
    PolicyCase a = f.cases().get(0);
    PolicyCase b = f.cases().get(1);
    assertThat(a.policies().orElseThrow().identityPolicies().get(0))
        .isSameAs(b.policies().orElseThrow().identityPolicies().get(0));
    assertThat(a.evaluate().explanation())
        .containsExactly("Allow in identity-based policy \"P\", statement 0");
    assertThat(a.request().orElseThrow().action()).isEqualTo("s3:GetObject");
  }

  @Test
  void jsonLinesAndASingleObject() {
    CaseFile lines = CaseFile.parse(c(1, ALLOW) + "\n\n" + c(2, ALLOW) + "\n");
    assertThat(lines.cases()).hasSize(2);
    assertThat(CaseFile.parse(c(7, ALLOW)).cases())
        .extracting(PolicyCase::id)
        .containsExactly("c7");
  }

  @Test
  void unusableInputIsAnException() {
    assertThatThrownBy(() -> CaseFile.parse("")).isInstanceOf(CaseFileException.class);
    assertThatThrownBy(() -> CaseFile.parse("   \n")).isInstanceOf(CaseFileException.class);
    assertThatThrownBy(() -> CaseFile.parse("not json")).isInstanceOf(CaseFileException.class);
    assertThatThrownBy(() -> CaseFile.parse(c(1, ALLOW) + "\n[1]")).hasMessageContaining("line 2");
    assertThatThrownBy(() -> CaseFile.parse("{\"cases\":{}}"))
        .isInstanceOf(CaseFileException.class);
    assertThatThrownBy(() -> CaseFile.parse("\"x\"")).isInstanceOf(CaseFileException.class);
  }

  @Test
  void badCasesBecomeErrorResults() {
    List<String> bad =
        List.of(
            "{\"id\":\"e1\",\"request\":{\"principal\":\"x\",\"action\":\"s3:A\"}}",
            "{\"id\":\"e2\",\"request\":{\"principal\":\"anonymous\",\"action\":\"nocolon\"}}",
            "{\"id\":\"e3\"}",
            "{\"id\":\"e4\",\"request\":{\"principal\":\"anonymous\",\"action\":\"s3:A\",\"context\":[]}}",
            "{\"id\":\"e5\",\"request\":{\"principal\":\"anonymous\",\"action\":\"s3:A\",\"context\":{\"k\":{}}}}",
            "{\"id\":\"e6\",\"request\":{\"principal\":\"anonymous\",\"action\":\"s3:A\",\"context\":{\"k\":[{}]}}}",
            "{\"id\":\"e7\",\"request\":{\"principal\":\"anonymous\",\"action\":\"s3:A\"},\"expected\":\"Maybe\"}",
            "{\"id\":\"e8\",\"request\":{\"principal\":\"anonymous\",\"action\":\"s3:A\"},\"identityPolicies\":{}}",
            "{\"id\":\"e9\",\"request\":{\"principal\":\"anonymous\",\"action\":\"s3:A\"},\"scps\":{}}",
            "{\"id\":\"e10\",\"request\":{\"principal\":\"anonymous\",\"action\":\"s3:A\"},\"scps\":[{}]}",
            "{\"id\":\"e11\",\"request\":{\"principal\":\"anonymous\",\"action\":\"s3:A\"},\"resourcePolicy\":\"{oops\"}",
            "{\"id\":\"e12\",\"request\":{\"principal\":\"anonymous\",\"action\":\"s3:A\",\"resource\":1}}",
            "3");
    CaseFile f = CaseFile.parse("[" + String.join(",", bad) + "]");
    assertThat(f.cases()).hasSize(bad.size());
    for (PolicyCase pc : f.cases()) {
      CaseResult r = pc.evaluate();
      assertThat(r.error()).as(pc.id()).isPresent();
      assertThat(r.outcome()).isEmpty();
      assertThat(pc.request()).isEmpty();
      assertThat(pc.decide()).isEqualTo(Outcome.IMPLICITLY_DENIED);
    }
  }

  @Test
  void contextValuesAndLevels() {
    String doc =
        "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:*\","
            + "\"Resource\":\"*\",\"Condition\":{\"NumericEquals\":{\"s3:max-keys\":5},"
            + "\"ForAnyValue:StringEquals\":{\"aws:TagKeys\":\"t\"}}}}";
    String text =
        "[{\"id\":\"x\",\"request\":{\"principal\":\"arn:aws:iam::111111111111:user/a\","
            + "\"action\":\"s3:GetObject\",\"context\":{\"s3:max-keys\":5,\"aws:TagKeys\":[\"t\"]}},"
            + "\"identityPolicies\":["
            + doc
            + "],\"scps\":[["
            + doc
            + "]],\"rcps\":[],"
            + "\"resourcePolicy\":null,\"sessionPolicy\":null}]";
    CaseResult r = CaseFile.parse(text).cases().get(0).evaluate();
    assertThat(r.outcome()).contains(Outcome.ALLOWED);
    assertThat(r.explanation()).hasSize(2);
  }
}
