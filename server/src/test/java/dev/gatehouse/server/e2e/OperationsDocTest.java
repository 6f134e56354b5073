package dev.gatehouse.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/OPERATIONS.md agrees with the service models and the server: one row per IAM and STS
 * operation of the models (and per operation AWS added since that Gatehouse serves), "served"
 * exactly for what the action tables serve, and every test it names for a served operation calls
 * that operation (through the SDK, the CLI, or the shape fixtures). So the table cannot rot.
 */
class OperationsDocTest {
  private static final Path DOC = Path.of("..", "docs", "OPERATIONS.md");
  private static final Path TESTS =
      Path.of("src", "test", "java", "dev", "gatehouse", "server", "e2e");
  private static final Pattern ROW =
      Pattern.compile("^\\| (\\w+) \\| (served|not served) \\| (.+) \\|$");

  @TempDir static Path data;
  static LiveServer server;
  static JsonNode fixtures;

  @BeforeAll
  static void start() throws Exception {
    server = new LiveServer(data);
    try (InputStream in =
        OperationsDocTest.class.getResourceAsStream("/service-models/shape-fixtures.json")) {
      fixtures = new ObjectMapper().readTree(in);
    }
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** The rows of the section {@code ## SERVICE}: operation to (served, checks). */
  static Map<String, String[]> rows(String service) throws Exception {
    Map<String, String[]> out = new LinkedHashMap<>();
    boolean in = false;
    for (String line : Files.readAllLines(DOC, StandardCharsets.UTF_8)) {
      if (line.startsWith("## ")) {
        in = line.substring(3).trim().equalsIgnoreCase(service);
        continue;
      }
      Matcher m = ROW.matcher(line);
      if (in && m.matches()) {
        assertThat(out).as("%s is listed twice", m.group(1)).doesNotContainKey(m.group(1));
        out.put(m.group(1), new String[] {m.group(2), m.group(3)});
      }
    }
    return out;
  }

  static String kebab(String op) {
    return op.replaceAll("([A-Z]+)([A-Z][a-z])", "$1-$2")
        .replaceAll("([a-z0-9])([A-Z])", "$1-$2")
        .toLowerCase(java.util.Locale.ROOT);
  }

  @Test
  void theTableListsEveryOperationAndWhatIsServed() throws Exception {
    List<String> problems = new ArrayList<>();
    for (ServiceModel model :
        List.of(ServiceModel.load("iam", "2010-05-08"), ServiceModel.load("sts", "2011-06-15"))) {
      String service = model.service();
      Set<String> served = server.gatehouse.actions().getOrDefault(model.signingName(), Set.of());
      Set<String> expected = new TreeSet<>(model.operations());
      expected.addAll(served);
      Map<String, String[]> rows = rows(service);
      assertThat(rows.keySet())
          .as("operations of %s in %s", service, DOC)
          .containsExactlyInAnyOrderElementsOf(expected);
      for (String op : expected) {
        String[] row = rows.get(op);
        boolean isServed = served.contains(op);
        if (!row[0].equals(isServed ? "served" : "not served")) {
          problems.add(service + " " + op + ": the table says " + row[0]);
          continue;
        }
        if (isServed) {
          problems.addAll(checks(service, op, row[1]));
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  /** Each test named calls the operation; a served operation names at least one. */
  private static List<String> checks(String service, String op, String named) throws Exception {
    List<String> problems = new ArrayList<>();
    String[] tests = named.split(",\\s*");
    if (tests.length == 0 || tests[0].isBlank()) {
      problems.add(op + ": served, but no test is named");
    }
    String sdk = "." + Character.toLowerCase(op.charAt(0)) + op.substring(1) + "(";
    String cli = "\"" + kebab(op) + "\"";
    for (String test : tests) {
      if (test.equals("ServiceModelShapesTest")) {
        if (!fixtures.path(service).has(op)) {
          problems.add(op + ": ServiceModelShapesTest has no fixture for it");
        }
        continue;
      }
      Path file = TESTS.resolve(test + ".java");
      if (!Files.exists(file)) {
        problems.add(op + ": no test " + test);
      } else {
        String text = Files.readString(file);
        if (!text.contains(sdk) && !text.contains(cli)) {
          problems.add(op + ": " + test + " does not call it");
        }
      }
    }
    return problems;
  }

  @Test
  void theCheckRefusesWhatDoesNotCallTheOperation() throws Exception {
    assertThat(kebab("CreateVirtualMFADevice")).isEqualTo("create-virtual-mfa-device");
    assertThat(kebab("GetSAMLProvider")).isEqualTo("get-saml-provider");
    assertThat(checks("iam", "CreateUser", "IamSdkTest, ServiceModelShapesTest")).isEmpty();
    assertThat(checks("iam", "CreateUser", "NoSuchTest"))
        .containsExactly("CreateUser: no test NoSuchTest");
    assertThat(checks("iam", "CreateUser", "ModelOutputTest"))
        .containsExactly("CreateUser: ModelOutputTest does not call it");
    assertThat(checks("iam", "GetMFADevice", "ServiceModelShapesTest"))
        .containsExactly("GetMFADevice: ServiceModelShapesTest has no fixture for it");
  }
}
