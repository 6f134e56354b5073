package dev.gatehouse.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.core.mfa.Base32;
import dev.gatehouse.core.mfa.Totp;
import dev.gatehouse.sigv4.SigningCredentials;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every operation Gatehouse serves in IAM, STS and Organizations, called over the wire with the
 * input of {@code service-models/shape-fixtures.json} and its response checked against botocore's
 * service model of the operation ({@link ModelOutput}). The served set comes from the server's own
 * action tables; an operation served without a fixture fails, one the server does not serve is
 * skipped (and counted in the summary test of its service).
 *
 * <p>Fixture format, per service, per operation (operations run in the order of the file, so a
 * later one may use what an earlier one created or saved):
 *
 * <pre>
 * "CreateAccessKey": {
 *   "setup": [ {"call": "CreateUser", "params": {"UserName": "shape-key"}} ],
 *   "params": {"UserName": "shape-key"},
 *   "save": {"keyId": "/AccessKey/AccessKeyId"}
 * }
 * </pre>
 *
 * {@code params} mirror the model's input shape ({@link ModelInput} writes them on the wire). A
 * step {@code call} names an operation of the same service or {@code service:Operation}. {@code
 * save} keeps values of the result (JSON pointers into it) for later {@code ${name}} placeholders;
 * {@code ${account}} and {@code ${rootKeyId}} are given, and {@code ${totp:NAME:OFFSET}} is the
 * TOTP code of the saved (base64) seed NAME, OFFSET steps from now; {@code ${samlMetadata}} is a
 * test IdP's metadata ({@code ${certificate}} and {@code ${privateKey}} its certificate and key,
 * {@code ${certificate:NAME}} and {@code ${sshKey:NAME}} a certificate and an SSH key of their own
 * per NAME) and {@code ${samlResponse:ROLE:PROVIDER}} a SAML response it signs for that role and
 * provider of the account. {@code as} signs with other credentials: {@code {"id": .., "secret": ..,
 * "token": ..}}. {@code notReturned} names members ({@code {"Role": ["Tags"]}}) the operation must
 * leave out although the shape declares them, as the API reference says of the IAM listing
 * operations. {@code modelUpdates} records where AWS has changed since this copy of the model:
 * members {@code added} since, required members made {@code optional}.
 */
class ServiceModelShapesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FIXTURES = "/service-models/shape-fixtures.json";
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]+)}");

  @TempDir static Path data;
  static LiveServer server;
  static JsonNode fixtures;
  static final List<ServiceModel> MODELS =
      List.of(
          ServiceModel.load("iam", "2010-05-08"),
          ServiceModel.load("sts", "2011-06-15"),
          ServiceModel.load("organizations", "2016-11-28"));
  static final Map<String, String> saved = new HashMap<>();

  /** {@code ${certificate:NAME}}: a certificate of its own per name. */
  static final Map<String, dev.gatehouse.core.saml.TestIdp> CERTIFICATES = new HashMap<>();

  /** {@code ${sshKey:NAME}}: an RSA key of its own per name, in OpenSSH format. */
  static final Map<String, dev.gatehouse.core.pki.TestSshKeys> SSH_KEYS = new HashMap<>();

  /** The IdP of {@code ${samlMetadata}} and {@code ${samlResponse:ROLE:PROVIDER}}. */
  static final dev.gatehouse.core.saml.TestIdp SAML_IDP =
      dev.gatehouse.core.saml.TestIdp.create("https://idp.shapes.example.com");

  @BeforeAll
  static void start() throws Exception {
    server = new LiveServer(data);
    try (InputStream in = ServiceModelShapesTest.class.getResourceAsStream(FIXTURES)) {
      fixtures = JSON.readTree(in);
    }
    saved.put("account", server.gatehouse.accountId());
    saved.put("rootKeyId", server.rootKeyId);
    lengths();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @TestFactory
  Stream<DynamicNode> everyServedOperationAnswersInTheShapeOfTheModel() {
    List<DynamicNode> services = new ArrayList<>();
    for (ServiceModel model : MODELS) {
      services.add(DynamicContainer.dynamicContainer(model.service(), operations(model)));
    }
    return services.stream();
  }

  private Stream<DynamicNode> operations(ServiceModel model) {
    Set<String> served = server.gatehouse.actions().getOrDefault(model.signingName(), Set.of());
    JsonNode cases = fixtures.path(model.service());
    // The fixture's order first (later operations may rely on earlier ones), then the rest.
    Set<String> order = new LinkedHashSet<>();
    cases.fieldNames().forEachRemaining(order::add);
    order.addAll(model.operations());
    List<DynamicNode> tests = new ArrayList<>();
    Set<String> notServed = new TreeSet<>();
    for (String operation : order) {
      if (!model.has(operation)) {
        tests.add(
            DynamicTest.dynamicTest(
                operation,
                () -> fail("the fixture names " + operation + ", which the model does not have")));
      } else if (!served.contains(operation)) {
        notServed.add(operation);
        tests.add(
            DynamicTest.dynamicTest(
                operation, () -> Assumptions.abort(operation + " is not served")));
      } else if (!cases.has(operation)) {
        tests.add(
            DynamicTest.dynamicTest(
                operation,
                () ->
                    fail(
                        operation
                            + " is served but has no fixture in "
                            + FIXTURES
                            + ": add its input there")));
      } else if (cases.get(operation).has("checkedBy")) {
        // Its success needs a party outside the server (an identity provider): the test named
        // checks its answer against the same members.
        String by = cases.get(operation).get("checkedBy").asText();
        tests.add(
            DynamicTest.dynamicTest(
                operation, () -> Assumptions.abort(operation + " is checked by " + by)));
      } else {
        JsonNode fixture = cases.get(operation);
        tests.add(DynamicTest.dynamicTest(operation, () -> check(model, operation, fixture)));
      }
    }
    Set<String> unknown = new TreeSet<>(served);
    unknown.removeAll(model.operations());
    // Operations AWS added after this copy of the model: the model cannot check them (their SDK
    // tests do); they are named in modelUpdates.SERVICE.operationsAdded.
    Set<String> added = new TreeSet<>();
    fixtures
        .path("modelUpdates")
        .path(model.service())
        .path("operationsAdded")
        .forEach(o -> added.add(o.asText()));
    int newer = (int) unknown.stream().filter(added::contains).count();
    unknown.removeAll(added);
    int checked = served.size() - unknown.size() - newer;
    tests.add(
        0,
        DynamicTest.dynamicTest(
            "served "
                + checked
                + " of "
                + model.operations().size()
                + ", not served "
                + notServed.size(),
            () -> {
              assertThat(unknown).as("served operations the model does not have").isEmpty();
              assertThat(checked + notServed.size()).isEqualTo(model.operations().size());
            }));
    return tests.stream();
  }

  /** Runs the set-up steps, then the operation, and checks its response against the model. */
  private void check(ServiceModel model, String operation, JsonNode fixture) throws Exception {
    for (JsonNode step : fixture.path("setup")) {
      String call = step.get("call").asText();
      int colon = call.indexOf(':');
      ServiceModel target = colon < 0 ? model : model(call.substring(0, colon));
      Answer setUp = call(target, call.substring(colon + 1), step);
      assertThat(setUp.status())
          .as("set-up step %s of %s: %s", call, operation, setUp.body())
          .isEqualTo(200);
      save(step, setUp.checked().result());
    }
    Answer answer = call(model, operation, fixture);
    assertThat(answer.status()).as("%s: %s", operation, answer.body()).isEqualTo(200);
    assertThat(answer.checked().violations())
        .as("%s answered %s", operation, answer.body())
        .isEmpty();
    save(fixture, answer.checked().result());
  }

  private record Answer(int status, String body, ModelOutput.Checked checked) {}

  private Answer call(ServiceModel model, String operation, JsonNode spec) throws Exception {
    JsonNode params = resolve(spec.path("params").isMissingNode() ? object() : spec.get("params"));
    GatehouseApiClient client = new GatehouseApiClient(server.endpoint(), credentials(spec));
    ModelOutput.Rules rules =
        new ModelOutput.Rules(
            members(fixtures.path("modelUpdates").path(model.service()).path("added")),
            members(fixtures.path("modelUpdates").path(model.service()).path("optional")),
            members(spec.path("notReturned")));
    GatehouseApiClient.Response r;
    ModelOutput.Checked checked;
    if (model.protocol().equals("json")) {
      r =
          client.json(
              model.signingName(),
              model.targetPrefix() + "." + operation,
              ModelInput.json(model, operation, params));
      checked = ModelOutput.json(model, operation, r.body(), rules);
    } else {
      r =
          client.query(
              model.signingName(),
              model.apiVersion(),
              operation,
              ModelInput.query(model, operation, params));
      checked = ModelOutput.query(model, operation, r.body(), rules);
    }
    return new Answer(r.status(), r.body(), checked);
  }

  private static SigningCredentials credentials(JsonNode spec) {
    JsonNode as = spec.path("as");
    if (as.isMissingNode()) {
      return SigningCredentials.of(server.rootKeyId, server.rootSecret);
    }
    String id = text(as.get("id").asText());
    String secret = text(as.get("secret").asText());
    return as.has("token")
        ? SigningCredentials.temporary(id, secret, text(as.get("token").asText()))
        : SigningCredentials.of(id, secret);
  }

  /** {@code {"Shape": ["Member", ...]}} as {@code Shape.Member} names. */
  private static Set<String> members(JsonNode shapes) {
    Set<String> out = new HashSet<>();
    for (Map.Entry<String, JsonNode> shape : shapes.properties()) {
      shape.getValue().forEach(m -> out.add(shape.getKey() + "." + m.asText()));
    }
    return out;
  }

  private static ServiceModel model(String service) {
    return MODELS.stream()
        .filter(m -> m.service().equals(service))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no model of " + service));
  }

  private static void save(JsonNode spec, JsonNode result) {
    for (Map.Entry<String, JsonNode> e : spec.path("save").properties()) {
      JsonNode value = result.at(e.getValue().asText());
      assertThat(value.isValueNode())
          .as("save %s: %s in %s", e.getKey(), e.getValue().asText(), result)
          .isTrue();
      saved.put(e.getKey(), value.asText());
    }
  }

  /** A copy of {@code node} with the placeholders of its strings replaced. */
  private static JsonNode resolve(JsonNode node) {
    if (node.isTextual()) {
      return JsonNodeFactory.instance.textNode(text(node.asText()));
    }
    if (node.isArray()) {
      var out = JsonNodeFactory.instance.arrayNode();
      node.forEach(item -> out.add(resolve(item)));
      return out;
    }
    if (node.isObject()) {
      ObjectNode out = object();
      node.properties().forEach(e -> out.set(e.getKey(), resolve(e.getValue())));
      return out;
    }
    return node;
  }

  private static String text(String template) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(value(m.group(1))));
    }
    m.appendTail(out);
    return out.toString();
  }

  /**
   * modelUpdates.SERVICE.lengths: string shapes whose length bounds the model states wrongly, e.g.
   * publicKeyFingerprintType's 48 for an MD5 in colon hex, which AWS returns with 47 characters.
   */
  private static void lengths() {
    for (ServiceModel model : MODELS) {
      JsonNode lengths = fixtures.path("modelUpdates").path(model.service()).path("lengths");
      for (Map.Entry<String, JsonNode> e : lengths.properties()) {
        ((com.fasterxml.jackson.databind.node.ObjectNode)
                model.root().path("shapes").path(e.getKey()))
            .setAll((com.fasterxml.jackson.databind.node.ObjectNode) e.getValue());
      }
    }
  }

  private static String value(String name) {
    if (name.equals("samlMetadata")) {
      return SAML_IDP.metadata();
    }
    if (name.equals("certificate")) {
      return SAML_IDP.certificatePem();
    }
    if (name.equals("privateKey")) {
      return SAML_IDP.privateKeyPem();
    }
    if (name.startsWith("certificate:")) {
      // A certificate of its own per name: an account holds each signing certificate once.
      return CERTIFICATES
          .computeIfAbsent(name, n -> dev.gatehouse.core.saml.TestIdp.create(n))
          .certificatePem();
    }
    if (name.startsWith("sshKey:")) {
      return SSH_KEYS
          .computeIfAbsent(name, n -> dev.gatehouse.core.pki.TestSshKeys.rsa(2048))
          .openSsh(name);
    }
    if (name.startsWith("samlResponse:")) {
      String[] parts = name.split(":");
      String prefix = "arn:aws:iam::" + value("account");
      return SAML_IDP
          .response()
          .role(prefix + ":role/" + parts[1], prefix + ":saml-provider/" + parts[2], "shapes")
          .attribute(dev.gatehouse.core.saml.SamlAttributes.SOURCE_IDENTITY, "shapes")
          .attribute(dev.gatehouse.core.saml.SamlAttributes.PRINCIPAL_TAG + "team", "shapes")
          .encoded();
    }
    if (name.startsWith("totp:")) {
      String[] parts = name.split(":");
      String seed =
          new String(Base64.getDecoder().decode(value(parts[1])), StandardCharsets.US_ASCII);
      long step = Totp.DEFAULT.step(Instant.now()) + Long.parseLong(parts[2]);
      return Totp.DEFAULT.code(Base32.decode(seed), step);
    }
    String value = saved.get(name);
    if (value == null) {
      throw new IllegalStateException("nothing saved as " + name + " (yet)");
    }
    return value;
  }

  private static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }
}
