package dev.gatehouse.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class ServerConfigTest {
  private static final Path DIR = Path.of("data");

  @Test
  void aLocalNodeIsLoopbackOnAFreePortWithTheEmbeddedStores() {
    ServerConfig c = ServerConfig.local(DIR);
    assertThat(c.bind()).isEqualTo("127.0.0.1");
    assertThat(c.port()).isZero();
    assertThat(c.dataDir()).isEqualTo(DIR);
    assertThat(c.accountId()).isEqualTo(new ServerConfig.AccountChoice.Stored());
    assertThat(c.tls()).isEqualTo(new ServerConfig.TlsChoice.Plain());
    assertThat(c.dev()).isFalse();
    assertThat(c.maxBodyBytes()).isEqualTo(ServerConfig.DEFAULT_MAX_BODY_BYTES);
    assertThat(c.store()).isEqualTo(new ServerConfig.StoreChoice.Embedded());
    assertThat(c.s3DomainName()).isEmpty();
    assertThat(c.s3BackendUrl()).isEmpty();
  }

  /** Each {@code with...} sets its own component and keeps every other one. */
  @Test
  void everyWitherChangesOnlyItsOwnChoice() throws Exception {
    ServerConfig.TlsChoice pem =
        new ServerConfig.TlsChoice.Pem(Path.of("chain.pem"), Path.of("key.pem"));
    ServerConfig.StoreChoice postgres =
        new ServerConfig.StoreChoice.Postgres("jdbc:postgresql://db/gatehouse", "gh", "");
    Map<String, UnaryOperator<ServerConfig>> withers =
        Map.of(
            "accountId", c -> c.withAccount("123456789012"),
            "tls", c -> c.withTls(pem),
            "dev", c -> c.withDev(true),
            "maxBodyBytes", c -> c.withMaxBodyBytes(4096),
            "store", c -> c.withStore(postgres),
            "s3Domain", c -> c.withS3Domain("gatehouse.test"),
            "s3Backend", c -> c.withS3Backend("http://127.0.0.1:9000"));
    // Distinct values in the two S3 strings, so that a wither passing one for the other shows.
    ServerConfig base =
        ServerConfig.local(DIR).withS3Domain("base.test").withS3Backend("http://127.0.0.1:1");
    for (Map.Entry<String, UnaryOperator<ServerConfig>> w : withers.entrySet()) {
      ServerConfig changed = w.getValue().apply(base);
      List<String> differing = new ArrayList<>();
      for (RecordComponent rc : ServerConfig.class.getRecordComponents()) {
        Object before = rc.getAccessor().invoke(base);
        Object after = rc.getAccessor().invoke(changed);
        if (!before.equals(after)) {
          differing.add(rc.getName());
        }
      }
      assertThat(differing).as(w.getKey()).containsExactly(w.getKey());
    }
  }

  @Test
  void developmentModeOffLoopbackIsStillRefused() {
    ServerConfig dev = ServerConfig.local(DIR).withDev(true);
    assertThat(dev.dev()).isTrue();
    assertThatThrownBy(
            () ->
                new ServerConfig(
                    "0.0.0.0",
                    0,
                    DIR,
                    dev.accountId(),
                    dev.tls(),
                    true,
                    dev.maxBodyBytes(),
                    dev.store(),
                    "",
                    ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("loopback only");
  }
}
