package dev.gatehouse.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryParametersTest {
  static ErrorCode code(Runnable r) {
    try {
      r.run();
    } catch (GatehouseException e) {
      return e.code();
    }
    throw new AssertionError("no error");
  }

  @Test
  void decodesFormEncoding() {
    QueryParameters p = QueryParameters.parse("A=a+b%20c&B=%7B%22x%22%3A1%7D&C&D=");
    assertThat(p.get("A")).hasValue("a b c");
    assertThat(p.get("B")).hasValue("{\"x\":1}");
    assertThat(p.get("C")).hasValue("");
    assertThat(p.get("D")).hasValue("");
    assertThat(p.get("E")).isEmpty();
  }

  @Test
  void listsAndStructuresStopAtTheFirstGap() {
    QueryParameters p =
        QueryParameters.parse(
            "L.member.1=a&L.member.2=b&L.member.4=d&Tags.member.1.Key=k&Tags.member.1.Value=v"
                + "&Tags.member.2.Key=k2");
    assertThat(p.list("L")).containsExactly("a", "b");
    assertThat(p.structures("Tags", "Key", "Value"))
        .containsExactly(Map.of("Key", "k", "Value", "v"), Map.of("Key", "k2"));
    assertThat(p.list("None")).isEqualTo(List.of());
  }

  @Test
  void scalarsAreCheckedAndNamed() {
    QueryParameters p = QueryParameters.parse("N=12&B=true&F=False&X=abc");
    assertThat(p.integer("N")).hasValue(12);
    assertThat(p.bool("B")).hasValue(true);
    assertThat(p.bool("F")).hasValue(false);
    assertThat(code(() -> p.integer("X"))).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE);
    assertThat(code(() -> p.bool("X"))).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE);
    assertThatThrownBy(() -> p.required("Missing"))
        .hasMessage("The request must contain the parameter Missing");
    assertThat(code(() -> p.required("Missing"))).isEqualTo(ErrorCode.MISSING_PARAMETER);
  }

  @Test
  void malformedInputIsRefused() {
    assertThat(code(() -> QueryParameters.parse("A=%zz")))
        .isEqualTo(ErrorCode.MALFORMED_QUERY_STRING);
    assertThat(code(() -> QueryParameters.parse("A=1&A=2")))
        .isEqualTo(ErrorCode.MALFORMED_QUERY_STRING);
  }
}
