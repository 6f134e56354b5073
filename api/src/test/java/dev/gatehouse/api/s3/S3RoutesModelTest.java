package dev.gatehouse.api.s3;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The routing table against botocore's S3 model (the wire truth): every operation the table names
 * exists in the model with the same method, and a request built from the model's method, request
 * URI and required query and header members routes to that operation.
 */
class S3RoutesModelTest {
  static JsonNode model() throws Exception {
    try (InputStream in =
        S3RoutesModelTest.class.getResourceAsStream(
            "/service-models/s3/2006-03-01/service-2.json")) {
      return new ObjectMapper().readTree(in);
    }
  }

  @TestFactory
  Stream<DynamicTest> eachRoutedOperationIsRecognisedFromItsModelRequest() throws Exception {
    JsonNode model = model();
    List<DynamicTest> tests = new ArrayList<>();
    for (String operation : S3Address.operations()) {
      tests.add(DynamicTest.dynamicTest(operation, () -> check(model, operation)));
    }
    assertThat(tests).hasSizeGreaterThan(60);
    return tests.stream();
  }

  private static void check(JsonNode model, String operation) {
    JsonNode op = model.get("operations").get(operation);
    assertThat(op).as("%s in the S3 model", operation).isNotNull();
    String method = op.get("http").get("method").asText();
    String uri = op.get("http").get("requestUri").asText();
    String path = uri;
    StringBuilder query = new StringBuilder();
    int q = uri.indexOf('?');
    if (q >= 0) {
      path = uri.substring(0, q);
      query.append(uri.substring(q + 1));
    }
    path = path.replace("{Bucket}", "example-bucket").replace("{Key+}", "dir/key.txt");
    Map<String, String> headers = new HashMap<>();
    JsonNode input =
        op.has("input") ? model.get("shapes").get(op.get("input").get("shape").asText()) : null;
    if (input != null) {
      List<String> required = new ArrayList<>();
      input.path("required").forEach(r -> required.add(r.asText()));
      for (Map.Entry<String, JsonNode> m : input.get("members").properties()) {
        if (!required.contains(m.getKey())) {
          continue;
        }
        String location = m.getValue().path("location").asText();
        String name = m.getValue().path("locationName").asText();
        if (location.equals("querystring")) {
          query.append(query.length() == 0 ? "" : "&").append(name).append("=1");
        } else if (location.equals("header")) {
          headers.put(name.toLowerCase(java.util.Locale.ROOT), "example-bucket/src.txt");
        }
      }
    }
    S3Address address =
        S3Address.of(
            method,
            "127.0.0.1:7440",
            path,
            query.toString(),
            h -> headers.getOrDefault(h.toLowerCase(java.util.Locale.ROOT), ""),
            Optional.empty());
    assertThat(address.operation()).as("%s %s?%s", method, path, query).isEqualTo(operation);
  }

  @Test
  void theServedOperationsAreRouted() {
    assertThat(S3Address.operations())
        .contains(
            "ListBuckets",
            "CreateBucket",
            "DeleteBucket",
            "HeadBucket",
            "GetBucketLocation",
            "PutObject",
            "GetObject",
            "HeadObject",
            "DeleteObject",
            "DeleteObjects",
            "CopyObject",
            "ListObjectsV2",
            "ListObjects",
            "CreateMultipartUpload",
            "UploadPart",
            "UploadPartCopy",
            "CompleteMultipartUpload",
            "AbortMultipartUpload",
            "ListParts",
            "ListMultipartUploads",
            "GetBucketPolicyStatus",
            "GetBucketVersioning",
            "GetBucketEncryption");
  }
}
