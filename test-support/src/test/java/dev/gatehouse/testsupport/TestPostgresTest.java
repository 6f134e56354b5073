package dev.gatehouse.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How {@value TestPostgres#ENV} names a running server. */
class TestPostgresTest {
  @Test
  void aNamedServerIsReachedThroughItsDatabaseWithTheGivenAccount() {
    TestPostgres.Server server =
        TestPostgres.named(
            "jdbc:postgresql://db.internal:6432/test",
            Map.of(TestPostgres.ENV_USER, "ci", TestPostgres.ENV_PASSWORD, "s3cret-pw"));
    assertThat(server.base()).isEqualTo("jdbc:postgresql://db.internal:6432/");
    assertThat(server.adminDatabase()).isEqualTo("test");
    assertThat(server.user()).isEqualTo("ci");
    assertThat(server.password()).isEqualTo("s3cret-pw");
    assertThat(server.toString()).doesNotContain("s3cret-pw");
  }

  @Test
  void withoutADatabaseOrAccountTheDefaultsArePostgresWithoutPassword() {
    TestPostgres.Server server = TestPostgres.named("jdbc:postgresql://127.0.0.1:5432/", Map.of());
    assertThat(server.adminDatabase()).isEqualTo("postgres");
    assertThat(server.user()).isEqualTo("postgres");
    assertThat(server.password()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "postgresql://127.0.0.1:5432/test",
        "jdbc:postgresql://127.0.0.1:5432",
        "jdbc:postgresql://127.0.0.1:5432/test?user=ci",
        "local"
      })
  void anythingElseIsRefusedWithTheExpectedForm(String url) {
    assertThatThrownBy(() -> TestPostgres.named(url, Map.of()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "GATEHOUSE_TEST_POSTGRES must be embedded or jdbc:postgresql://HOST[:PORT]/DATABASE"
                + " (credentials in GATEHOUSE_TEST_POSTGRES_USER and"
                + " GATEHOUSE_TEST_POSTGRES_PASSWORD), got '"
                + url
                + "'");
  }
}
