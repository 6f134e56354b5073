package dev.gatehouse.api.org;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.api.JsonOperation;
import dev.gatehouse.core.iam.IamChangeListener;
import dev.gatehouse.core.org.Organizations;
import dev.gatehouse.core.store.Store;
import dev.gatehouse.store.sql.SqliteStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's list of the Organizations actions served is the server's: none missing, none extra.
 */
class ReadmeOrganizationsActionsTest {
  private static final String START = "The actions served are ";
  private static final String END = ": what Terraform reads";

  @Test
  void theReadmeListsEveryOrganizationsActionTheServerAnswers(@TempDir Path dir) throws Exception {
    TreeSet<String> served = new TreeSet<>();
    try (Store store = SqliteStore.open(dir)) {
      Organizations organizations =
          new Organizations(store, Clock.systemUTC(), new SecureRandom(), IamChangeListener.none());
      for (JsonOperation<?, ?> op : OrganizationsApi.operations(organizations)) {
        served.add(op.name());
      }
    }
    String readme = Files.readString(Path.of("../README.md"), StandardCharsets.UTF_8);
    int start = readme.indexOf(START);
    assertThat(start).as("README sentence %s", START).isNotNegative();
    int end = readme.indexOf(END, start);
    assertThat(end).as("README sentence end %s", END).isPositive();
    TreeSet<String> listed = new TreeSet<>();
    Matcher m = Pattern.compile("`([A-Z][A-Za-z]+)`").matcher(readme.substring(start, end));
    while (m.find()) {
      listed.add(m.group(1));
    }
    assertThat(listed).isEqualTo(served);
  }
}
