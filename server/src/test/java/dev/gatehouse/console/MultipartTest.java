package dev.gatehouse.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The console's streaming reader of {@code multipart/form-data}: what it accepts and refuses. */
class MultipartTest {
  static final String B = "XyZ123";

  private static String field(String name, String value) {
    return "--"
        + B
        + "\r\nContent-Disposition: form-data; name=\""
        + name
        + "\"\r\n\r\n"
        + value
        + "\r\n";
  }

  private static String file(String name, String content) {
    return "--"
        + B
        + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
        + name
        + "\"\r\nContent-Type: text/plain\r\n\r\n"
        + content;
  }

  private static Multipart.Form read(String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return Multipart.read(new ByteArrayInputStream(bytes), B, bytes.length, 1 << 16);
  }

  @Test
  void theBoundaryComesFromTheContentType() {
    assertThat(Multipart.boundary("application/x-www-form-urlencoded")).isEmpty();
    assertThat(Multipart.boundary("multipart/form-data; boundary=" + B)).hasValue(B);
    assertThat(Multipart.boundary("Multipart/Form-Data; charset=utf-8; boundary=\"a b\""))
        .hasValue("a b");
    assertThatThrownBy(() -> Multipart.boundary("multipart/form-data"))
        .isInstanceOf(Multipart.Malformed.class)
        .hasMessage("The form's Content-Type names no boundary.");
    assertThatThrownBy(() -> Multipart.boundary("multipart/form-data; boundary=" + "b".repeat(71)))
        .isInstanceOf(Multipart.Malformed.class);
  }

  @Test
  void fieldsComeFirstAndTheFileStreamsWithItsExactLength() throws IOException {
    Multipart.Form form =
        read(
            field("_csrf", "token")
                + field("note", "two\r\nlines")
                + file("C:\\Users\\me\\a \"q\".txt", "hello\r\n--not-the-boundary")
                + "\r\n--"
                + B
                + "--\r\n");
    assertThat(form.fields()).containsEntry("_csrf", List.of("token"));
    assertThat(form.fields()).containsEntry("note", List.of("two\r\nlines"));
    Multipart.Upload upload = form.upload().orElseThrow();
    assertThat(upload.fileName()).isEqualTo("a \"q\".txt");
    assertThat(upload.contentType()).isEqualTo("text/plain");
    assertThat(upload.length()).isEqualTo("hello\r\n--not-the-boundary".length());
    try (InputStream in = upload.in()) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
          .isEqualTo("hello\r\n--not-the-boundary");
      assertThat(in.read()).isEqualTo(-1);
    }
  }

  @Test
  void aFileThatIsNotTheLastFieldIsRefusedBeforeItsLastByte() {
    Multipart.Form form =
        read(
            field("_csrf", "t")
                + file("a.txt", "abc")
                + "\r\n"
                + field("after", "x")
                + "--"
                + B
                + "--\r\n");
    InputStream in = form.upload().orElseThrow().in();
    assertThatThrownBy(in::readAllBytes)
        .isInstanceOf(IOException.class)
        .hasMessageContaining("not the form's last field");
  }

  @Test
  void aCutUploadIsRefused() {
    String whole = field("_csrf", "t") + file("a.txt", "abcdef") + "\r\n--" + B + "--\r\n";
    byte[] bytes = whole.getBytes(StandardCharsets.UTF_8);
    Multipart.Form form =
        Multipart.read(
            new ByteArrayInputStream(bytes, 0, bytes.length - 12), B, bytes.length, 1 << 16);
    assertThatThrownBy(() -> form.upload().orElseThrow().in().readAllBytes())
        .isInstanceOf(IOException.class);
  }

  @Test
  void aFormWithoutAFileHasOnlyFields() {
    Multipart.Form form =
        read(field("_csrf", "t") + field("prefix", "docs/") + "--" + B + "--\r\n");
    assertThat(form.upload()).isEmpty();
    assertThat(form.fields()).containsEntry("prefix", List.of("docs/"));
  }

  @Test
  void brokenFormsAreRefused() {
    assertThatThrownBy(() -> read("--other\r\n"))
        .isInstanceOf(Multipart.Malformed.class)
        .hasMessage("The form does not start with its boundary.");
    assertThatThrownBy(() -> read(field("a", "b")))
        .isInstanceOf(Multipart.Malformed.class)
        .hasMessage("The form ended early.");
    assertThatThrownBy(() -> read(field("a", "b") + "--" + B + "junk\r\n"))
        .isInstanceOf(Multipart.Malformed.class)
        .hasMessage("The form has a broken boundary.");
    byte[] big =
        (field("a", "x".repeat(200)) + "--" + B + "--\r\n").getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> Multipart.read(new ByteArrayInputStream(big), B, big.length, 100))
        .isInstanceOf(Multipart.Malformed.class)
        .hasMessage("The form's fields are larger than 100 bytes.");
    String shortDeclared = field("_csrf", "t") + file("a.txt", "");
    byte[] bytes = shortDeclared.getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(
            () -> Multipart.read(new ByteArrayInputStream(bytes), B, bytes.length, 1 << 16))
        .isInstanceOf(Multipart.Malformed.class)
        .hasMessage("The form is shorter than its Content-Length says.");
  }

  @Test
  void downloadsAreAttachmentsWithAnAsciiAndAUtf8Name() {
    assertThat(S3Calls.attachment("r\u00e9sum\u00e9 \"1\".pdf"))
        .isEqualTo(
            "attachment; filename=\"r_sum_ _1_.pdf\"; filename*=UTF-8''r%C3%A9sum%C3%A9%20%221%22.pdf");
    assertThat(S3Calls.fileName("a/b/c.txt")).isEqualTo("c.txt");
    assertThat(S3Calls.fileName("folder/")).isEqualTo("folder");
    assertThat(S3Calls.fileName("/")).isEqualTo("download");
  }
}
