package dev.gatehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve --oidc-ca-file} and {@code --saml-audiences}, with their variables as fallback. */
class ServeFederationOptionsTest {
  @TempDir Path dir;

  /** A self-signed certificate that keytool makes, written as PEM. */
  private Path pem() throws Exception {
    Path store = dir.resolve("ca.p12");
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                "ca",
                "-keyalg",
                "EC",
                "-dname",
                "CN=Test CA",
                "-keystore",
                store.toString(),
                "-storepass",
                "changeit",
                "-validity",
                "2")
            .redirectErrorStream(true)
            .start();
    p.getInputStream().readAllBytes();
    assertThat(p.waitFor()).isZero();
    java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(store)) {
      ks.load(in, "changeit".toCharArray());
    }
    byte[] der = ks.getCertificate("ca").getEncoded();
    Path out = dir.resolve("ca.pem");
    Files.writeString(
        out,
        "-----BEGIN CERTIFICATE-----\n"
            + java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der)
            + "\n-----END CERTIFICATE-----\n");
    return out;
  }

  @Test
  void theOptionsReplaceTheVariablesInTheServersEnvironment() throws Exception {
    Path ca = pem();
    Map<String, String> env =
        FederationOptions.environment(
            List.of(
                "--port",
                "0",
                "--oidc-ca-file",
                ca.toString(),
                "--saml-audiences= https://gh.example.com/saml , urn:gatehouse:test "),
            Map.of(
                "GATEHOUSE_OIDC_CA_FILE", "/elsewhere.pem",
                "GATEHOUSE_SAML_AUDIENCES", "https://old.example.com/saml",
                "HOME", "/root"));
    assertThat(env)
        .containsEntry("GATEHOUSE_OIDC_CA_FILE", ca.toString())
        .containsEntry("GATEHOUSE_SAML_AUDIENCES", "https://gh.example.com/saml,urn:gatehouse:test")
        .containsEntry("HOME", "/root");
  }

  @Test
  void withoutTheOptionsTheVariablesAreUsedAndChecked() throws Exception {
    Path ca = pem();
    Map<String, String> given =
        Map.of(
            "GATEHOUSE_OIDC_CA_FILE",
            ca.toString(),
            "GATEHOUSE_SAML_AUDIENCES",
            "https://gatehouse.example.com/saml");
    assertThat(FederationOptions.environment(List.of(), given)).isEqualTo(given);
    assertThat(FederationOptions.environment(List.of(), Map.of())).isEmpty();
    assertThatThrownBy(
            () ->
                FederationOptions.environment(
                    List.of(),
                    Map.of("GATEHOUSE_OIDC_CA_FILE", dir.resolve("nope.pem").toString())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("GATEHOUSE_OIDC_CA_FILE: no such file " + dir.resolve("nope.pem"));
    assertThatThrownBy(
            () ->
                FederationOptions.environment(
                    List.of(), Map.of("GATEHOUSE_SAML_AUDIENCES", "not a url")))
        .hasMessageStartingWith("GATEHOUSE_SAML_AUDIENCES takes comma-separated URLs");
  }

  @Test
  void badValuesAreRefusedWithWhatIsWrong() throws Exception {
    Path text = Files.writeString(dir.resolve("notes.txt"), "not a certificate\n");
    assertThatThrownBy(
            () ->
                FederationOptions.environment(List.of("--oidc-ca-file", text.toString()), Map.of()))
        .hasMessage(
            "--oidc-ca-file: " + text + " holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
    assertThatThrownBy(
            () ->
                FederationOptions.environment(List.of("--oidc-ca-file", dir.toString()), Map.of()))
        .hasMessage("--oidc-ca-file: " + dir + " is a directory, not a PEM file");
    assertThatThrownBy(
            () -> FederationOptions.environment(List.of("--saml-audiences", " , "), Map.of()))
        .hasMessage("--saml-audiences names no audience");
    assertThatThrownBy(
            () ->
                FederationOptions.environment(
                    List.of("--saml-audiences", "https://ok.example.com,gatehouse.example.com"),
                    Map.of()))
        .hasMessageContaining("got 'gatehouse.example.com'");
    assertThatThrownBy(
            () -> FederationOptions.environment(List.of("--saml-audiences", "http://[x"), Map.of()))
        .hasMessageContaining("got 'http://[x'");
  }

  @Test
  void serveRefusesABadCaPathAtStartWithAClearMessage() {
    Path missing = dir.resolve("missing-ca.pem");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        ServeCommand.run(
            List.of(
                "--port",
                "0",
                "--data-dir",
                dir.resolve("data").toString(),
                "--oidc-ca-file=" + missing),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            Map.of());
    assertThat(exit).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .startsWith("gatehouse serve: --oidc-ca-file: no such file " + missing + "\n");
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(dir.resolve("data")).doesNotExist();

    ByteArrayOutputStream err2 = new ByteArrayOutputStream();
    int fromVariable =
        ServeCommand.run(
            List.of("--port", "0", "--data-dir", dir.resolve("data").toString()),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err2, true, StandardCharsets.UTF_8),
            Map.of("GATEHOUSE_OIDC_CA_FILE", missing.toString()));
    assertThat(fromVariable).isEqualTo(2);
    assertThat(err2.toString(StandardCharsets.UTF_8))
        .contains("GATEHOUSE_OIDC_CA_FILE: no such file " + missing);
  }

  /** The server's own constants, read where they are declared. */
  private static Object serverConstant(String className, String field) throws Exception {
    java.lang.reflect.Field f =
        Class.forName("dev.gatehouse.server." + className).getDeclaredField(field);
    f.setAccessible(true);
    return f.get(null);
  }

  @Test
  void theVariablesAreTheOnesTheServerReads() throws Exception {
    assertThat(serverConstant("OidcHttpsFetcher", "CA_FILE_ENV"))
        .isEqualTo(FederationOptions.OIDC_CA_FILE_ENV);
    assertThat(serverConstant("SamlAssembly", "AUDIENCES"))
        .isEqualTo(FederationOptions.SAML_AUDIENCES_ENV);
  }

  @Test
  void helpListsTheOptionsAndTheirVariables() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ServeCommand.run(
        List.of("--help"),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains(
            "--oidc-ca-file FILE",
            "GATEHOUSE_OIDC_CA_FILE",
            "--saml-audiences URLS",
            "GATEHOUSE_SAML_AUDIENCES");
    assertThat(ServeCommand.parse(List.of("--oidc-ca-file", "x.pem", "--saml-audiences=u:v")))
        .isPresent();
    assertThatThrownBy(() -> ServeCommand.parse(List.of("--oidc-ca-file")))
        .hasMessage("--oidc-ca-file needs a value");
  }
}
