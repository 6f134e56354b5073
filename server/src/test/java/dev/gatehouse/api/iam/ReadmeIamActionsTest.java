package dev.gatehouse.api.iam;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.api.Operation;
import dev.gatehouse.core.advisor.AccessActivity;
import dev.gatehouse.core.advisor.AccessAdvisor;
import dev.gatehouse.core.advisor.ServicePermissions;
import dev.gatehouse.core.crypto.KeyRing;
import dev.gatehouse.core.domain.Ids;
import dev.gatehouse.core.iam.EnginePolicyValidator;
import dev.gatehouse.core.iam.IamServices;
import dev.gatehouse.core.managed.ManagedPolicyCatalogue;
import dev.gatehouse.core.snapshot.Snapshots;
import dev.gatehouse.core.store.Store;
import dev.gatehouse.store.sql.SqliteStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's list of supported IAM actions is the server's: none missing, none extra. */
class ReadmeIamActionsTest {
  private static final String HEADING = "## Supported IAM actions";

  @Test
  void theReadmeListsEveryIamActionTheServerAnswers(@TempDir Path dir) throws Exception {
    List<String> served = new ArrayList<>();
    try (Store store = SqliteStore.open(dir)) {
      SecureRandom random = new SecureRandom();
      byte[] key = new byte[32];
      random.nextBytes(key);
      Snapshots snapshots = new Snapshots(store, ManagedPolicyCatalogue.bundled());
      IamServices iam =
          IamServices.builder(
                  store,
                  Clock.systemUTC(),
                  Ids.secure(),
                  KeyRing.of(List.of(key), random),
                  new EnginePolicyValidator(),
                  ManagedPolicyCatalogue.bundled(),
                  snapshots)
              .reads(snapshots)
              .build();
      for (Operation<?, ?> op : IamApi.operations(iam, account -> Instant.EPOCH)) {
        served.add(op.name());
      }
      AccessAdvisor advisor =
          new AccessAdvisor(
              iam,
              snapshots,
              store,
              Clock.systemUTC(),
              new AccessActivity(store),
              ServicePermissions.bundled());
      for (Operation<?, ?> op : AccessAdvisorActions.table(advisor)) {
        served.add(op.name());
      }
    }
    String readme = Files.readString(Path.of("../README.md"), StandardCharsets.UTF_8);
    int start = readme.indexOf(HEADING);
    assertThat(start).as("README section %s", HEADING).isNotNegative();
    int end = readme.indexOf("\n## ", start + HEADING.length());
    String section = readme.substring(start, end < 0 ? readme.length() : end);
    TreeSet<String> listed = new TreeSet<>();
    Matcher m = Pattern.compile("`([A-Z][A-Za-z]+)`").matcher(section);
    while (m.find()) {
      listed.add(m.group(1));
    }
    assertThat(listed).containsExactlyInAnyOrderElementsOf(new TreeSet<>(served));
  }
}
