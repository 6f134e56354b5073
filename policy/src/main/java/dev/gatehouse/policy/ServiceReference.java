package dev.gatehouse.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * The AWS Service Authorization Reference bundled with the engine (reference/LICENSE-iam-data):
 * services, their actions with resource types and ARN formats, and condition keys. Loaded once, on
 * first use. Lookups of prefixes, actions and keys are case-insensitive, as in policies.
 */
public final class ServiceReference {
  private static final String BASE = "/dev/gatehouse/policy/reference/";

  /** A service: its prefix, name, actions, resource types and service condition keys. */
  public record Service(
      String prefix,
      String name,
      Map<String, Action> actions,
      Map<String, ResourceType> resourceTypes,
      Map<String, String> conditionKeys) {
    public Service {
      actions = Collections.unmodifiableMap(new LinkedHashMap<>(actions));
      resourceTypes = Collections.unmodifiableMap(new LinkedHashMap<>(resourceTypes));
      conditionKeys = Collections.unmodifiableMap(new LinkedHashMap<>(conditionKeys));
    }

    /** An action by name, any case. */
    public Optional<Action> action(String name) {
      return Optional.ofNullable(actions.get(name.toLowerCase(Locale.ROOT)));
    }
  }

  /**
   * An action; {@code resourceTypes} empty means it has no resource-level permissions (the request
   * resource is {@code *}).
   */
  public record Action(
      String service,
      String name,
      String accessLevel,
      List<ActionResource> resourceTypes,
      List<String> conditionKeys) {
    public Action {
      resourceTypes = List.copyOf(resourceTypes);
      conditionKeys = List.copyOf(conditionKeys);
    }

    /** {@code service:Name}. */
    public String fullName() {
      return service + ":" + name;
    }
  }

  /** A resource type an action acts on. */
  public record ActionResource(String name, boolean required, List<String> conditionKeys) {
    public ActionResource {
      conditionKeys = List.copyOf(conditionKeys);
    }
  }

  /** A resource type with its ARN format ({@code arn:${Partition}:s3:::${BucketName}}). */
  public record ResourceType(String name, String arnFormat, List<String> conditionKeys) {
    public ResourceType {
      conditionKeys = List.copyOf(conditionKeys);
    }
  }

  /** A condition key and its type ({@code String}, {@code ARN}, {@code ArrayOfString}...). */
  public record ConditionKey(String key, String type) {}

  private static final class Holder {
    static final ServiceReference INSTANCE = load();
  }

  private final Map<String, Service> services;
  private final Map<String, ConditionKey> globalKeys;

  private ServiceReference(Map<String, Service> services, Map<String, ConditionKey> globalKeys) {
    this.services = services;
    this.globalKeys = globalKeys;
  }

  /** The bundled reference, loaded on first call. */
  public static ServiceReference get() {
    return Holder.INSTANCE;
  }

  /** Services by lower-cased prefix. */
  public Map<String, Service> services() {
    return services;
  }

  /** A service by prefix, any case. */
  public Optional<Service> service(String prefix) {
    return Optional.ofNullable(services.get(prefix.toLowerCase(Locale.ROOT)));
  }

  /** An action by {@code service:Name}, any case. */
  public Optional<Action> action(String action) {
    int colon = action.indexOf(':');
    if (colon < 0) {
      return Optional.empty();
    }
    return service(action.substring(0, colon)).flatMap(s -> s.action(action.substring(colon + 1)));
  }

  /** The actions a pattern such as {@code s3:Get*} matches (case-insensitive). */
  public List<Action> matchingActions(String pattern) {
    String p = pattern.toLowerCase(Locale.ROOT);
    List<Action> out = new ArrayList<>();
    for (Service s : services.values()) {
      for (Action a : s.actions().values()) {
        if (Wildcard.matches(a.fullName().toLowerCase(Locale.ROOT), p)) {
          out.add(a);
        }
      }
    }
    return out;
  }

  /**
   * A global condition key ({@code aws:...}); tag keys ({@code aws:PrincipalTag/team}) resolve to
   * their family.
   */
  public Optional<ConditionKey> globalConditionKey(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    ConditionKey exact = globalKeys.get(k);
    if (exact != null) {
      return Optional.of(exact);
    }
    int slash = k.indexOf('/');
    return slash < 0
        ? Optional.empty()
        : Optional.ofNullable(globalKeys.get(k.substring(0, slash)));
  }

  private static ServiceReference load() {
    ObjectMapper json = new ObjectMapper();
    JsonNode root = read(json, BASE + "aws-service-reference.json.gz").get("services");
    Map<String, Service> services = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.properties().iterator(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      services.put(e.getKey().toLowerCase(Locale.ROOT), service(e.getKey(), e.getValue()));
    }
    Map<String, ConditionKey> global = new LinkedHashMap<>();
    for (JsonNode k : read(json, BASE + "global-condition-keys.json")) {
      String key = k.get("key").asText();
      ConditionKey ck = new ConditionKey(key, k.get("type").asText());
      String lower = key.toLowerCase(Locale.ROOT);
      int slash = lower.indexOf('/');
      global.put(slash < 0 ? lower : lower.substring(0, slash), ck);
    }
    return new ServiceReference(
        Collections.unmodifiableMap(services), Collections.unmodifiableMap(global));
  }

  private static Service service(String prefix, JsonNode s) {
    Map<String, Action> actions = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = s.path("actions").properties().iterator();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> a = it.next();
      List<ActionResource> resources = new ArrayList<>();
      for (JsonNode r : a.getValue().path("resourceTypes")) {
        resources.add(
            new ActionResource(
                r.path("name").asText(),
                r.path("required").asBoolean(),
                texts(r, "conditionKeys")));
      }
      actions.put(
          a.getKey().toLowerCase(Locale.ROOT),
          new Action(
              prefix,
              a.getKey(),
              a.getValue().path("accessLevel").asText(),
              resources,
              texts(a.getValue(), "conditionKeys")));
    }
    Map<String, ResourceType> types = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = s.path("resourceTypes").properties().iterator();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> t = it.next();
      types.put(
          t.getKey(),
          new ResourceType(
              t.getKey(), t.getValue().path("arn").asText(), texts(t.getValue(), "conditionKeys")));
    }
    Map<String, String> keys = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = s.path("conditionKeys").properties().iterator();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> k = it.next();
      keys.put(k.getKey(), k.getValue().asText());
    }
    return new Service(prefix, s.path("name").asText(), actions, types, keys);
  }

  private static List<String> texts(JsonNode node, String field) {
    List<String> out = new ArrayList<>();
    node.path(field).forEach(v -> out.add(v.asText()));
    return out;
  }

  private static JsonNode read(ObjectMapper json, String resource) {
    try (InputStream in = ServiceReference.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing bundled resource " + resource);
      }
      return json.readTree(resource.endsWith(".gz") ? new GZIPInputStream(in) : in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
