package dev.gatehouse.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import dev.gatehouse.api.Caller;
import dev.gatehouse.api.PipelineReachingUp;
import dev.gatehouse.api.iam.archfixture.ApiReachingUp;
import dev.gatehouse.api.iam.archfixture.CycleApiSide;
import dev.gatehouse.api.sts.MfaActions;
import dev.gatehouse.cli.archfixture.CommandUsingCommands;
import dev.gatehouse.console.archfixture.ConsoleReachingIntoCore;
import dev.gatehouse.console.archfixture.ConsoleReachingIntoTheServer;
import dev.gatehouse.console.archfixture.ConsoleUsingValuesAndTheEntry;
import dev.gatehouse.console.archfixture.CycleConsoleSide;
import dev.gatehouse.core.archfixture.CoreKeepingToItself;
import dev.gatehouse.core.archfixture.CoreReachingOut;
import dev.gatehouse.core.authz.Principal;
import dev.gatehouse.core.iam.ConsoleSignIn;
import dev.gatehouse.core.iam.IamServices;
import dev.gatehouse.core.sts.MfaFacts;
import dev.gatehouse.objects.archfixture.ObjectsReachingUp;
import dev.gatehouse.objects.archfixture.ObjectsUsingCoreAndSigv4;
import dev.gatehouse.server.Gatehouse;
import dev.gatehouse.store.archfixture.StoreReachingUp;
import dev.gatehouse.store.archfixture.StoreUsingCore;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every rule of {@link ArchitectureRules} refusing a fixture class (test sources only) that breaks
 * it, and letting through one that keeps it: a rule that matched nothing would pass on production
 * classes for the wrong reason.
 */
class ArchitectureRulesRefuseTest {

  /** The rule's report on {@code fixture}, which must name every one of {@code targets}. */
  private static void refuses(ArchRule rule, Class<?> fixture, String... targets) {
    EvaluationResult result = rule.evaluate(new ClassFileImporter().importClasses(fixture));
    assertThat(result.hasViolation()).as(rule.getDescription()).isTrue();
    List<String> details = result.getFailureReport().getDetails();
    for (String target : targets) {
      assertThat(details)
          .as("%s reports %s", rule.getDescription(), target)
          .anyMatch(d -> d.contains("<" + fixture.getName()) && d.contains(target));
    }
  }

  private static void allows(ArchRule rule, Class<?> fixture) {
    EvaluationResult result = rule.evaluate(new ClassFileImporter().importClasses(fixture));
    assertThat(result.getFailureReport().getDetails()).as(rule.getDescription()).isEmpty();
  }

  @Test
  void coreRefusesAdapters() {
    refuses(
        ArchitectureRules.CORE_USES_NO_ADAPTER,
        CoreReachingOut.class,
        "dev.gatehouse.store.sql.SqliteStore",
        "dev.gatehouse.api.Caller");
    allows(ArchitectureRules.CORE_USES_NO_ADAPTER, CoreKeepingToItself.class);
  }

  @Test
  void coreRefusesHttpAndDatabaseLibraries() {
    refuses(
        ArchitectureRules.CORE_USES_NO_HTTP_OR_DATABASE_LIBRARY,
        CoreReachingOut.class,
        "org.eclipse.jetty.server.Request",
        "java.sql.Connection",
        "com.zaxxer.hikari.HikariDataSource",
        "org.flywaydb.core.Flyway");
    allows(ArchitectureRules.CORE_USES_NO_HTTP_OR_DATABASE_LIBRARY, CoreKeepingToItself.class);
  }

  @Test
  void storeAdaptersRefuseTheServer() {
    refuses(
        ArchitectureRules.STORE_ADAPTERS_USE_ONLY_CORE,
        StoreReachingUp.class,
        "dev.gatehouse.api.Caller",
        "dev.gatehouse.console.ConsoleBackend",
        "dev.gatehouse.server.ServerConfig");
    allows(ArchitectureRules.STORE_ADAPTERS_USE_ONLY_CORE, StoreUsingCore.class);
  }

  @Test
  void objectStoresRefuseTheApiAndTheSqlStore() {
    refuses(
        ArchitectureRules.OBJECT_STORES_USE_ONLY_CORE_AND_SIGV4,
        ObjectsReachingUp.class,
        "dev.gatehouse.api.Caller",
        "dev.gatehouse.store.sql.SqliteStore");
    allows(ArchitectureRules.OBJECT_STORES_USE_ONLY_CORE_AND_SIGV4, ObjectsUsingCoreAndSigv4.class);
  }

  @Test
  void consoleRefusesCoreServicesAndStores() {
    refuses(
        ArchitectureRules.CONSOLE_USES_NO_CORE_SERVICE,
        ConsoleReachingIntoCore.class,
        "dev.gatehouse.core.iam.IamServices",
        "dev.gatehouse.core.iam.Users",
        "dev.gatehouse.core.iam.ConsoleSignIn>",
        "dev.gatehouse.core.iam.ConsoleSignIn$Outcome$SignedIn",
        "dev.gatehouse.core.store.Store>",
        "dev.gatehouse.core.store.StoreException",
        "dev.gatehouse.core.snapshot.Snapshots",
        "dev.gatehouse.core.sts.MfaDevices",
        "dev.gatehouse.core.sts.SessionIssuer",
        "dev.gatehouse.core.sts.Revocations",
        "dev.gatehouse.core.org.Organizations");
    allows(ArchitectureRules.CONSOLE_USES_NO_CORE_SERVICE, ConsoleUsingValuesAndTheEntry.class);
  }

  @Test
  void consoleRefusesEverythingOfTheApiButTheInProcessEntry() {
    refuses(
        ArchitectureRules.CONSOLE_REACHES_THE_API_ONLY_THROUGH_THE_IN_PROCESS_ENTRY,
        ConsoleReachingIntoTheServer.class,
        "dev.gatehouse.api.sts.MfaActions",
        "dev.gatehouse.server.Gatehouse",
        "dev.gatehouse.api.SessionTokens",
        "dev.gatehouse.api.Operation",
        "dev.gatehouse.api.iam.IamApi",
        "dev.gatehouse.store.sql.SqliteStore");
    allows(
        ArchitectureRules.CONSOLE_REACHES_THE_API_ONLY_THROUGH_THE_IN_PROCESS_ENTRY,
        ConsoleUsingValuesAndTheEntry.class);
  }

  @Test
  void onlyTheCliUsesTheServer() {
    refuses(
        ArchitectureRules.ONLY_THE_CLI_USES_THE_SERVER,
        PipelineReachingUp.class,
        "dev.gatehouse.server.Gatehouse");
    refuses(
        ArchitectureRules.ONLY_THE_CLI_USES_THE_SERVER,
        ConsoleReachingIntoTheServer.class,
        "dev.gatehouse.server.Gatehouse");
    allows(
        ArchitectureRules.ONLY_THE_CLI_USES_THE_SERVER.allowEmptyShould(true),
        CommandUsingCommands.class);
  }

  @Test
  void onlyTheCliRunsCommands() {
    refuses(
        ArchitectureRules.ONLY_THE_CLI_USES_COMMANDS,
        ApiReachingUp.class,
        "dev.gatehouse.cli.ServeCommand");
    refuses(
        ArchitectureRules.ONLY_THE_CLI_USES_COMMANDS,
        PipelineReachingUp.class,
        "dev.gatehouse.cli.PolicyCommand");
    // The CLI's own classes are outside the rule's reach altogether.
    allows(
        ArchitectureRules.ONLY_THE_CLI_USES_COMMANDS.allowEmptyShould(true),
        CommandUsingCommands.class);
  }

  @Test
  void apiPackagesAndPipelineRefuseConsoleAndCli() {
    refuses(
        ArchitectureRules.API_USES_NEITHER_CONSOLE_NOR_CLI,
        ApiReachingUp.class,
        "dev.gatehouse.console.ConsoleBackend",
        "dev.gatehouse.cli.ServeCommand");
    refuses(
        ArchitectureRules.API_USES_NEITHER_CONSOLE_NOR_CLI,
        PipelineReachingUp.class,
        "dev.gatehouse.console.ConsoleBackend",
        "dev.gatehouse.cli.PolicyCommand");
  }

  @Test
  void packageCyclesAreRefused() {
    JavaClasses both =
        new ClassFileImporter().importClasses(CycleApiSide.class, CycleConsoleSide.class);
    EvaluationResult result = ArchitectureRules.API_PACKAGES_FREE_OF_CYCLES.evaluate(both);
    assertThat(result.hasViolation()).isTrue();
    assertThat(String.join("\n", result.getFailureReport().getDetails()))
        .contains("Slice console", "Slice iam", CycleApiSide.class.getName());
    JavaClasses oneWay =
        new ClassFileImporter().importClasses(ApiReachingUp.class, CycleConsoleSide.class);
    assertThat(ArchitectureRules.API_PACKAGES_FREE_OF_CYCLES.evaluate(oneWay).hasViolation())
        .isFalse();
  }

  @Test
  void slicesAreTheApiPackagesThePipelineAndTheConsole() {
    JavaClasses classes =
        new ClassFileImporter()
            .importClasses(
                Gatehouse.class,
                Caller.class,
                MfaActions.class,
                CycleConsoleSide.class,
                IamServices.class);
    assertThat(slice(classes.get(Gatehouse.class))).isEqualTo(SliceIdentifier.ignore());
    assertThat(slice(classes.get(Caller.class))).isEqualTo(SliceIdentifier.of("pipeline"));
    assertThat(slice(classes.get(MfaActions.class))).isEqualTo(SliceIdentifier.of("sts"));
    assertThat(slice(classes.get(CycleConsoleSide.class))).isEqualTo(SliceIdentifier.of("console"));
    assertThat(slice(classes.get(IamServices.class))).isEqualTo(SliceIdentifier.ignore());
  }

  private static SliceIdentifier slice(JavaClass c) {
    return ArchitectureRules.API_PACKAGES.getIdentifierOf(c);
  }

  @Test
  void valuesAreRecordsEnumsExceptionsAndSealedInterfacesNotNestedInServices() {
    JavaClasses classes =
        new ClassFileImporter()
            .importClasses(
                Principal.class,
                Principal.User.class,
                MfaFacts.class,
                ConsoleSignIn.class,
                ConsoleSignIn.Outcome.SignedIn.class,
                IamServices.class);
    assertThat(ArchitectureRules.VALUE.test(classes.get(Principal.class))).isTrue();
    assertThat(ArchitectureRules.VALUE.test(classes.get(Principal.User.class))).isTrue();
    assertThat(ArchitectureRules.VALUE.test(classes.get(MfaFacts.class))).isTrue();
    assertThat(ArchitectureRules.VALUE.test(classes.get(ConsoleSignIn.class))).isFalse();
    assertThat(ArchitectureRules.VALUE.test(classes.get(ConsoleSignIn.Outcome.SignedIn.class)))
        .isFalse();
    assertThat(ArchitectureRules.VALUE.test(classes.get(IamServices.class))).isFalse();
  }
}
