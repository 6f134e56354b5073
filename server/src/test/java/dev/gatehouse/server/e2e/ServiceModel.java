package dev.gatehouse.server.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeSet;

/**
 * One botocore service model ({@code service-2.json}, copied under {@code
 * src/test/resources/service-models}): its operations and their input and output shapes.
 *
 * @param service the directory name ({@code iam}, {@code sts}, {@code organizations})
 */
record ServiceModel(String service, JsonNode root) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** {@code service-models/SERVICE/VERSION/service-2.json} from the test classpath. */
  static ServiceModel load(String service, String version) {
    String path = "/service-models/" + service + "/" + version + "/service-2.json";
    try (InputStream in = ServiceModel.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("no service model at " + path);
      }
      return new ServiceModel(service, JSON.readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code query} (IAM, STS) or {@code json} (Organizations). */
  String protocol() {
    return metadata("protocol");
  }

  String apiVersion() {
    return metadata("apiVersion");
  }

  /** The SigV4 service name: {@code signingName}, else {@code endpointPrefix}. */
  String signingName() {
    String name = metadata("signingName");
    return name.isEmpty() ? metadata("endpointPrefix") : name;
  }

  String targetPrefix() {
    return metadata("targetPrefix");
  }

  String xmlNamespace() {
    return metadata("xmlNamespace");
  }

  private String metadata(String name) {
    return root.path("metadata").path(name).asText("");
  }

  NavigableSet<String> operations() {
    NavigableSet<String> names = new TreeSet<>();
    root.path("operations").fieldNames().forEachRemaining(names::add);
    return names;
  }

  boolean has(String operation) {
    return root.path("operations").has(operation);
  }

  Optional<String> input(String operation) {
    return shapeOf(operation, "input");
  }

  Optional<String> output(String operation) {
    return shapeOf(operation, "output");
  }

  /** The element the Query protocol wraps the output in ({@code OperationResult}), if any. */
  Optional<String> resultWrapper(String operation) {
    JsonNode wrapper = root.path("operations").path(operation).path("output").path("resultWrapper");
    return wrapper.isTextual() ? Optional.of(wrapper.asText()) : Optional.empty();
  }

  private Optional<String> shapeOf(String operation, String direction) {
    JsonNode ref = root.path("operations").path(operation).path(direction).path("shape");
    return ref.isTextual() ? Optional.of(ref.asText()) : Optional.empty();
  }

  /** A named shape ({@code type}, {@code members}, {@code member}, {@code key}...). */
  JsonNode shape(String name) {
    JsonNode shape = root.path("shapes").path(name);
    if (shape.isMissingNode()) {
      throw new IllegalStateException(service + " model has no shape " + name);
    }
    return shape;
  }

  /** The name a member or list entry has on the wire: its {@code locationName}, else its own. */
  static String wireName(JsonNode reference, String name) {
    return reference.path("locationName").asText(name);
  }
}
