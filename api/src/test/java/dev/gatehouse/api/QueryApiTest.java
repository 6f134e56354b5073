package dev.gatehouse.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class QueryApiTest {
  private static Operation<String, String> action(String name) {
    return new Operation<>(name, p -> "", (c, in) -> null, (c, in) -> "", (out, s) -> {});
  }

  private static QueryApi lazy(AtomicInteger made, List<Operation<?, ?>> table) {
    return QueryApi.lazy(
        "iam",
        "2010-05-08",
        "https://iam.amazonaws.com/doc/2010-05-08/",
        "iam.amazonaws.com",
        () -> {
          made.incrementAndGet();
          return new ArrayList<>(table);
        });
  }

  @Test
  void aLazyTableIsMadeByItsFirstUseOnce() {
    AtomicInteger made = new AtomicInteger();
    QueryApi api = lazy(made, List.of(action("GetUser"), action("ListUsers")));

    assertThat(api.signingName()).isEqualTo("iam");
    assertThat(api.eventSource()).isEqualTo("iam.amazonaws.com");
    assertThat(made).hasValue(0);

    assertThat(api.actions()).containsExactlyInAnyOrder("GetUser", "ListUsers");
    assertThat(api.operation(QueryParameters.parse("Action=GetUser")).name()).isEqualTo("GetUser");
    assertThat(made).hasValue(1);
  }

  @Test
  void aTableThatCannotBeMadeFailsEveryUseWithItsCause() {
    AtomicInteger made = new AtomicInteger();
    QueryApi api = lazy(made, List.of(action("GetUser"), action("GetUser")));

    assertThatThrownBy(api::actions)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("action listed twice: GetUser");
    assertThatThrownBy(() -> api.servesUnsigned(QueryParameters.parse("Action=GetUser")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("action listed twice: GetUser");
    assertThat(made).hasValue(2);
  }

  @Test
  void aGivenTableIsCheckedAtOnce() {
    assertThatThrownBy(
            () ->
                QueryApi.of(
                    "sts",
                    "2011-06-15",
                    "https://sts.amazonaws.com/doc/2011-06-15/",
                    "sts.amazonaws.com",
                    List.of(action("GetCallerIdentity"), action("GetCallerIdentity"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("action listed twice: GetCallerIdentity");
  }
}
