package dev.gatehouse.core.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ErrorCodeTest {

  @Test
  void awsCodesAreUnique() {
    Set<String> seen = new HashSet<>();
    for (ErrorCode c : ErrorCode.values()) {
      assertThat(seen.add(c.awsCode())).as(c.name()).isTrue();
    }
  }

  @Test
  void statusAndFaultAgree() {
    assertThat(ErrorCode.NO_SUCH_ENTITY.httpStatus()).isEqualTo(404);
    assertThat(ErrorCode.LIMIT_EXCEEDED.httpStatus()).isEqualTo(409);
    assertThat(ErrorCode.SERVICE_FAILURE.fault()).isEqualTo(Fault.RECEIVER);
    assertThat(ErrorCode.SERVICE_FAILURE.fault().wireName()).isEqualTo("Receiver");
    assertThat(Fault.SENDER.wireName()).isEqualTo("Sender");
    // Every 5xx is the receiver's fault, every 4xx the sender's.
    Arrays.stream(ErrorCode.values())
        .forEach(
            c ->
                assertThat(c.fault())
                    .as(c.name())
                    .isEqualTo(c.httpStatus() >= 500 ? Fault.RECEIVER : Fault.SENDER));
  }

  @Test
  void exceptionCarriesCodeAndMessage() {
    GatehouseException e =
        GatehouseException.noSuchEntity("The user with name bob cannot be found.");
    assertThat(e.code()).isEqualTo(ErrorCode.NO_SUCH_ENTITY);
    assertThat(e.getMessage()).isEqualTo("The user with name bob cannot be found.");
    assertThat(GatehouseException.alreadyExists("x").code())
        .isEqualTo(ErrorCode.ENTITY_ALREADY_EXISTS);
    assertThat(GatehouseException.limitExceeded("x").code()).isEqualTo(ErrorCode.LIMIT_EXCEEDED);
    assertThat(GatehouseException.invalidInput("x").code()).isEqualTo(ErrorCode.INVALID_INPUT);
    assertThat(GatehouseException.deleteConflict("x").code()).isEqualTo(ErrorCode.DELETE_CONFLICT);
    assertThat(GatehouseException.validation("x").code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
    RuntimeException cause = new IllegalStateException("boom");
    assertThat(new GatehouseException(ErrorCode.SERVICE_FAILURE, "m", cause).getCause())
        .isSameAs(cause);
    assertThatThrownBy(() -> new GatehouseException(ErrorCode.SERVICE_FAILURE, null))
        .isInstanceOf(NullPointerException.class);
  }
}
