package dev.gatehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.server.ServerConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code serve --s3-domain} and {@code --s3-backend}. */
class ServeS3OptionsTest {
  @Test
  void withoutThemS3IsPathStyleOnTheEmbeddedStore() {
    ServerConfig c = ServeCommand.parse(List.of()).orElseThrow();
    assertThat(c.s3DomainName()).isEmpty();
    assertThat(c.s3BackendUrl()).isEmpty();
  }

  @Test
  void aDomainIsADnsName() {
    assertThat(
            ServeCommand.parse(List.of("--s3-domain", "Storage.Example.TEST"))
                .orElseThrow()
                .s3DomainName())
        .hasValue("storage.example.test");
    assertThatThrownBy(() -> ServeCommand.parse(List.of("--s3-domain", "bad_domain")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--s3-domain");
    assertThatThrownBy(() -> ServeCommand.parse(List.of("--s3-domain", "-x.test")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aBackendIsAnHttpUrlWithoutCredentials() {
    assertThat(
            ServeCommand.parse(List.of("--s3-backend", "https://rgw.internal:7480"))
                .orElseThrow()
                .s3BackendUrl())
        .hasValue("https://rgw.internal:7480");
    assertThatThrownBy(() -> ServeCommand.parse(List.of("--s3-backend", "ftp://x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("http or https");
    assertThatThrownBy(
            () -> ServeCommand.parse(List.of("--s3-backend", "http://key:secret@rgw.internal")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("GATEHOUSE_S3_BACKEND_ACCESS_KEY_ID")
        .hasMessageNotContaining("secret@");
  }
}
