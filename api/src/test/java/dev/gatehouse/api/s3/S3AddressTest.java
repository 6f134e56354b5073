package dev.gatehouse.api.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Bucket and key from path-style and virtual-hosted requests; what the endpoint routes to S3. */
class S3AddressTest {
  private static S3Address at(String method, String host, String path, String query) {
    return S3Address.of(method, host, path, query, h -> "", Optional.of("gatehouse.test"));
  }

  @Test
  void pathStyleDecodesTheKeyAsS3Does() {
    S3Address a = at("GET", "127.0.0.1:7440", "/photos/2024/a%20b+c%2Bd.jpg", "");
    assertThat(a.operation()).isEqualTo("GetObject");
    assertThat(a.bucket()).isEqualTo("photos");
    assertThat(a.key()).isEqualTo("2024/a b+c+d.jpg");
    assertThat(at("GET", "127.0.0.1", "/", "").operation()).isEqualTo("ListBuckets");
    assertThat(at("GET", "127.0.0.1", "/photos", "list-type=2&prefix=a%2Fb").query())
        .containsEntry("prefix", "a/b");
    assertThat(at("PATCH", "127.0.0.1", "/photos/k", "").operation()).isEmpty();
  }

  @Test
  void virtualHostedNamesTheBucketInTheHost() {
    S3Address a = at("PUT", "photos.s3.gatehouse.test:7440", "/2024/one.jpg", "");
    assertThat(a.operation()).isEqualTo("PutObject");
    assertThat(a.bucket()).isEqualTo("photos");
    assertThat(a.key()).isEqualTo("2024/one.jpg");
    S3Address bucket = at("GET", "photos.s3.gatehouse.test", "/", "policy");
    assertThat(bucket.operation()).isEqualTo("GetBucketPolicy");
    assertThat(bucket.key()).isEmpty();
    // The service host itself names no bucket: path style below it.
    S3Address service = at("GET", "s3.gatehouse.test", "/photos/x", "");
    assertThat(service.bucket()).isEqualTo("photos");
    assertThat(service.key()).isEqualTo("x");
  }

  @Test
  void malformedEscapesAreKeptAsSent() {
    assertThat(S3Address.decode("a%zz%4", false)).isEqualTo("a%zz%4");
    assertThat(S3Address.decode("%E2%82%AC", false)).isEqualTo("\u20ac");
  }

  @Test
  void theEndpointRoutesByScopeHostAndShape() {
    S3Api api = new S3Api(null, null, null, Optional.of("gatehouse.test"));
    Map<String, String> s3Header =
        Map.of(
            "Authorization",
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240101/us-east-1/s3/aws4_request,"
                + " SignedHeaders=host, Signature=00");
    Map<String, String> iamHeader =
        Map.of(
            "Authorization",
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240101/us-east-1/iam/aws4_request,"
                + " SignedHeaders=host, Signature=00");
    assertThat(api.addresses("GET", "127.0.0.1", "/b/k", "", h -> s3Header.getOrDefault(h, "")))
        .isTrue();
    assertThat(api.addresses("POST", "127.0.0.1", "/", "", h -> iamHeader.getOrDefault(h, "")))
        .isFalse();
    assertThat(
            api.addresses(
                "GET",
                "127.0.0.1",
                "/b/k",
                "X-Amz-Credential=AKID%2F20240101%2Fus-east-1%2Fs3%2Faws4_request",
                h -> ""))
        .isTrue();
    assertThat(
            api.addresses(
                "GET",
                "127.0.0.1",
                "/",
                "Action=GetCallerIdentity&X-Amz-Credential=AKID%2F20240101%2Fus-east-1%2Fsts%2Faws4_request",
                h -> ""))
        .isFalse();
    // Unsigned: S3 unless it is a Query or JSON call or names no possible bucket.
    assertThat(api.addresses("GET", "127.0.0.1", "/public/index.html", "", h -> "")).isTrue();
    assertThat(api.addresses("GET", "127.0.0.1", "/", "Action=ListUsers", h -> "")).isFalse();
    assertThat(
            api.addresses(
                "POST",
                "127.0.0.1",
                "/",
                "",
                h -> h.equals("Content-Type") ? "application/x-www-form-urlencoded" : ""))
        .isFalse();
    assertThat(
            api.addresses(
                "POST", "127.0.0.1", "/", "", h -> h.equals("X-Amz-Target") ? "Org.X" : ""))
        .isFalse();
    assertThat(api.addresses("POST", "127.0.0.1", "/_gatehouse/reset", "", h -> "")).isFalse();
    // The S3 host of the virtual-hosting domain is S3 whatever else the request says.
    assertThat(api.addresses("GET", "photos.s3.gatehouse.test", "/", "Action=ListUsers", h -> ""))
        .isTrue();
  }
}
