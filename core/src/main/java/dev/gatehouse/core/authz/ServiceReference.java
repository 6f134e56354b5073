package dev.gatehouse.core.authz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.core.Once;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the AWS Service Authorization Reference says about the IAM, STS and Organizations actions:
 * access level, the resource type an action is authorized against, and its ARN format.
 *
 * <p>spec: "Actions, resources, and condition keys for AWS Identity and Access Management" and "...
 * for AWS Security Token Service" (Service Authorization Reference); data vendored in
 * service-reference.json with its provenance.
 */
public final class ServiceReference {
  /**
   * One action.
   *
   * @param resourceType the first required resource type, or {@code *} for actions that apply to no
   *     specific resource (list actions and account-level actions)
   */
  public record ActionInfo(
      String service, String name, String accessLevel, String resourceType, List<String> keys) {
    public ActionInfo {
      keys = List.copyOf(keys);
    }

    /** {@code iam:CreateUser}. */
    public String qualifiedName() {
      return service + ":" + name;
    }

    /** CloudTrail's readOnly: the Read and List access levels change nothing. */
    public boolean readOnly() {
      return accessLevel.equals("Read") || accessLevel.equals("List");
    }
  }

  /** What the reference holds once read: actions and ARN formats by qualified name. */
  private record Contents(Map<String, ActionInfo> actions, Map<String, String> arnFormats) {
    Contents {
      actions = Map.copyOf(actions);
      arnFormats = Map.copyOf(arnFormats);
    }
  }

  private static final ServiceReference BUNDLED = new ServiceReference();

  private final Once<Contents, RuntimeException> contents = new Once<>(ServiceReference::load);

  private ServiceReference() {}

  /**
   * The bundled reference, parsed on first use: start-up and readiness need none of it, the first
   * request does (the server reads it in the background once ready).
   */
  public static ServiceReference bundled() {
    return BUNDLED;
  }

  /** Parsed by the first use ({@link Once}: a failed parse is not kept). */
  private Contents contents() {
    return contents.get();
  }

  /** Reads the reference now if no use has yet (a warm-up off the request path). */
  public void read() {
    contents();
  }

  private static Contents load() {
    try (InputStream in = ServiceReference.class.getResourceAsStream("service-reference.json")) {
      if (in == null) {
        throw new IllegalStateException("service-reference.json missing from the classpath");
      }
      JsonNode root = new ObjectMapper().readTree(in);
      Map<String, ActionInfo> actions = new HashMap<>();
      Map<String, String> formats = new HashMap<>();
      for (Map.Entry<String, JsonNode> service : root.get("services").properties()) {
        String prefix = service.getKey();
        for (Map.Entry<String, JsonNode> a : service.getValue().get("actions").properties()) {
          JsonNode v = a.getValue();
          List<String> keys = new ArrayList<>();
          v.path("conditionKeys").forEach(k -> keys.add(k.asText()));
          actions.put(
              prefix + ":" + a.getKey(),
              new ActionInfo(
                  prefix, a.getKey(), v.get("access").asText(), v.get("resource").asText(), keys));
        }
        for (Map.Entry<String, JsonNode> r : service.getValue().get("resourceTypes").properties()) {
          formats.put(prefix + ":" + r.getKey(), r.getValue().asText());
        }
      }
      return new Contents(actions, formats);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The action named {@code service:Name}, e.g. {@code iam:CreateUser}. */
  public Optional<ActionInfo> action(String qualifiedName) {
    return Optional.ofNullable(contents().actions().get(qualifiedName));
  }

  /** The ARN format of a resource type, e.g. {@code arn:${Partition}:iam::${Account}:user/...}. */
  public Optional<String> arnFormat(String service, String resourceType) {
    return Optional.ofNullable(contents().arnFormats().get(service + ":" + resourceType));
  }
}
