package dev.gatehouse.bench;

import dev.gatehouse.server.Gatehouse;
import dev.gatehouse.server.ServerConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * Write throughput as an account grows, the way a Terraform run grows one: a real server (embedded
 * SQLite store in a fresh temporary data directory, loopback HTTP, SigV4) and the AWS SDK's IAM
 * client creating roles one after another, each with its own customer managed policy attached
 * (CreatePolicy, CreateRole, AttachRolePolicy: three requests per role, each authorized against the
 * account's snapshot and each publishing a new one).
 *
 * <p>Every hundred roles is timed; the figures are requests per second for each hundred, and the
 * ratio of the last hundred to the first. Each mode runs on its own fresh server in this one
 * process, after a warm-up server that has the JIT compile the shared path, so that the first
 * hundred of a measured run is not slowed by class loading: {@code delta} is the server as it ships
 * (each write's change applied to the previous snapshot); {@code full} sets {@value
 * #REBUILD_ENV}{@code =full}, which rebuilds each snapshot from nothing after every write (every
 * entity read, every policy compiled again), as every write did before compiled policies were kept
 * across generations and changes applied. It is the reference measured in the same run.
 *
 * <p>Usage: {@code java -cp ... dev.gatehouse.bench.RoleWriteRun [roles] [modes]}, e.g. {@code 1000
 * delta,full} (the defaults).
 */
public final class RoleWriteRun {
  /** The server's switch between the two ways of rebuilding a snapshot. */
  static final String REBUILD_ENV = "GATEHOUSE_SNAPSHOT_REBUILD";

  private static final int BLOCK = 100;
  private static final int REQUESTS_PER_ROLE = 3;
  private static final String ACCOUNT = "123456789012";

  private RoleWriteRun() {}

  /** Requests per second of each block of {@link #BLOCK} roles. */
  record Run(String mode, List<Double> perBlock, double seconds) {
    double first() {
      return perBlock.get(0);
    }

    double last() {
      return perBlock.get(perBlock.size() - 1);
    }

    double ratio() {
      return last() / first();
    }
  }

  public static void main(String[] args) throws Exception {
    int roles = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
    List<String> modes = List.of((args.length > 1 ? args[1] : "delta,full").split(","));
    if (roles < 2 * BLOCK || roles % BLOCK != 0) {
      throw new IllegalArgumentException("roles: a multiple of " + BLOCK + ", at least 200");
    }
    System.out.printf(
        Locale.ROOT,
        "warm-up: %d roles on a throw-away server (%s)%n",
        2 * BLOCK,
        String.join(", ", modes));
    for (String mode : modes) {
      run(mode, 2 * BLOCK);
    }
    List<Run> runs = new ArrayList<>();
    for (String mode : modes) {
      Run r = run(mode, roles);
      runs.add(r);
      System.out.printf(Locale.ROOT, "%-6s req/s per %d roles:", mode, BLOCK);
      r.perBlock().forEach(x -> System.out.printf(Locale.ROOT, " %.0f", x));
      System.out.printf(Locale.ROOT, "   (%.1f s)%n", r.seconds());
    }
    System.out.println();
    System.out.printf(
        Locale.ROOT,
        "%-6s %14s %14s %18s%n",
        "mode",
        "first 100 r/s",
        "last 100 r/s",
        "last/first ratio");
    for (Run r : runs) {
      System.out.printf(
          Locale.ROOT, "%-6s %14.0f %14.0f %18.2f%n", r.mode(), r.first(), r.last(), r.ratio());
    }
    if (runs.size() > 1) {
      Run shipped = runs.get(0);
      for (Run other : runs.subList(1, runs.size())) {
        System.out.printf(
            Locale.ROOT,
            "last hundred, %s / %s: %.2fx%n",
            shipped.mode(),
            other.mode(),
            shipped.last() / other.last());
      }
    }
  }

  /** Creates {@code roles} roles, each with its policy, on a fresh server in {@code mode}. */
  static Run run(String mode, int roles) throws Exception {
    Path dataDir = Files.createTempDirectory("gatehouse-write-bench");
    Map<String, String> environment = new HashMap<>();
    environment.put(REBUILD_ENV, mode);
    ServerConfig config = ServerConfig.local(dataDir).withAccount(ACCOUNT);
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    try (Gatehouse gatehouse = Gatehouse.start(config, quiet, Clock.systemUTC(), environment);
        IamClient iam = client(gatehouse, dataDir.resolve("root-credentials"))) {
      List<Double> perBlock = new ArrayList<>();
      long start = System.nanoTime();
      long blockStart = start;
      for (int i = 0; i < roles; i++) {
        createRoleWithPolicy(iam, i);
        if ((i + 1) % BLOCK == 0) {
          long now = System.nanoTime();
          perBlock.add(BLOCK * REQUESTS_PER_ROLE / ((now - blockStart) / 1e9));
          blockStart = now;
          System.err.printf(
              Locale.ROOT,
              "  %s: %d roles, %.0f req/s%n",
              mode,
              i + 1,
              perBlock.get(perBlock.size() - 1));
        }
      }
      return new Run(mode, perBlock, (System.nanoTime() - start) / 1e9);
    } finally {
      deleteTree(dataDir);
    }
  }

  private static void createRoleWithPolicy(IamClient iam, int i) {
    String name = String.format(Locale.ROOT, "app-%04d", i);
    String policy =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":[\"s3:GetObject\",\"s3:PutObject\"],"
            + "\"Resource\":\"arn:aws:s3:::"
            + name
            + "-bucket/*\"},{\"Effect\":\"Allow\",\"Action\":\"sqs:SendMessage\","
            + "\"Resource\":\"arn:aws:sqs:us-east-1:"
            + ACCOUNT
            + ":"
            + name
            + "-queue\"}]}";
    String trust =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
    String arn =
        iam.createPolicy(b -> b.policyName(name + "-policy").policyDocument(policy)).policy().arn();
    iam.createRole(b -> b.roleName(name).assumeRolePolicyDocument(trust));
    iam.attachRolePolicy(b -> b.roleName(name).policyArn(arn));
  }

  private static IamClient client(Gatehouse gatehouse, Path credentialsFile) throws IOException {
    Map<String, String> creds = new HashMap<>();
    for (String line : Files.readAllLines(credentialsFile)) {
      int eq = line.indexOf('=');
      if (eq > 0 && !line.startsWith("#")) {
        creds.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
      }
    }
    return IamClient.builder()
        .endpointOverride(URI.create("http://127.0.0.1:" + gatehouse.port()))
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(
                    creds.get("aws_access_key_id"), creds.get("aws_secret_access_key"))))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
