package dev.gatehouse.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The rules of {@link ArchitectureRules} over the production classes of every module. */
class ArchitectureTest {
  /** Every module's production classes (the CLI sees them all), without any test class. */
  private static final JavaClasses PRODUCTION =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.gatehouse");

  @Test
  void coreUsesNoAdapter() {
    ArchitectureRules.CORE_USES_NO_ADAPTER.check(PRODUCTION);
  }

  @Test
  void coreUsesNoHttpOrDatabaseLibrary() {
    ArchitectureRules.CORE_USES_NO_HTTP_OR_DATABASE_LIBRARY.check(PRODUCTION);
  }

  @Test
  void storeAdaptersUseOnlyCore() {
    ArchitectureRules.STORE_ADAPTERS_USE_ONLY_CORE.check(PRODUCTION);
  }

  @Test
  void objectStoresUseOnlyCoreAndSigv4() {
    ArchitectureRules.OBJECT_STORES_USE_ONLY_CORE_AND_SIGV4.check(PRODUCTION);
  }

  @Test
  void consoleUsesNoCoreService() {
    ArchitectureRules.CONSOLE_USES_NO_CORE_SERVICE.check(PRODUCTION);
  }

  @Test
  void consoleReachesTheApiOnlyThroughTheInProcessEntry() {
    ArchitectureRules.CONSOLE_REACHES_THE_API_ONLY_THROUGH_THE_IN_PROCESS_ENTRY.check(PRODUCTION);
  }

  @Test
  void onlyTheCliUsesTheServer() {
    ArchitectureRules.ONLY_THE_CLI_USES_THE_SERVER.check(PRODUCTION);
  }

  @Test
  void onlyTheCliUsesCommands() {
    ArchitectureRules.ONLY_THE_CLI_USES_COMMANDS.check(PRODUCTION);
  }

  @Test
  void apiUsesNeitherConsoleNorCli() {
    ArchitectureRules.API_USES_NEITHER_CONSOLE_NOR_CLI.check(PRODUCTION);
  }

  @Test
  void apiPackagesFreeOfCycles() {
    ArchitectureRules.API_PACKAGES_FREE_OF_CYCLES.check(PRODUCTION);
  }

  @Test
  void importsEveryModuleAndNoTest() {
    assertThat(PRODUCTION.contain("dev.gatehouse.core.iam.IamServices")).isTrue();
    assertThat(PRODUCTION.contain("dev.gatehouse.store.sql.SqliteStore")).isTrue();
    assertThat(PRODUCTION.contain("dev.gatehouse.objects.FileObjectStore")).isTrue();
    assertThat(PRODUCTION.contain("dev.gatehouse.api.Pipeline")).isTrue();
    assertThat(PRODUCTION.contain("dev.gatehouse.console.Console")).isTrue();
    assertThat(PRODUCTION.contain("dev.gatehouse.server.Gatehouse")).isTrue();
    assertThat(PRODUCTION.contain("dev.gatehouse.cli.Main")).isTrue();
    assertThat(PRODUCTION.contain(ArchitectureTest.class)).isFalse();
  }
}
