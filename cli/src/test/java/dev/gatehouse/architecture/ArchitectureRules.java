package dev.gatehouse.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import java.util.Optional;

/**
 * The forbidden arrows of docs/DESIGN.md ("Never: ..."), as rules over compiled classes. Maven's
 * module graph already refuses an arrow to a module a module does not depend on; these rules check
 * what the graph cannot: the arrows inside what a module sees through its dependencies (the console
 * sees core through the API, the API sees core's services), and the ones a future dependency could
 * open. {@code ArchitectureTest} runs them over the production classes of every module, {@code
 * ArchitectureRulesRefuseTest} over fixture classes that break each one.
 */
final class ArchitectureRules {
  private ArchitectureRules() {}

  static final String CORE = "dev.gatehouse.core..";
  static final String POLICY = "dev.gatehouse.policy..";
  static final String STORE = "dev.gatehouse.store..";
  static final String OBJECTS = "dev.gatehouse.objects..";
  static final String API = "dev.gatehouse.api..";
  static final String API_ROOT = "dev.gatehouse.api";
  static final String SERVER = "dev.gatehouse.server..";
  static final String CONSOLE = "dev.gatehouse.console..";
  static final String CLI = "dev.gatehouse.cli..";

  /** The console's way into the API: the in-process entry and the caller it runs an action as. */
  private static final DescribedPredicate<JavaClass> IN_PROCESS_ENTRY =
      describe(
          "the in-process entry",
          c ->
              c.getName().equals("dev.gatehouse.api.Caller")
                  || c.getName().equals("dev.gatehouse.api.InProcessCalls")
                  || c.getName().startsWith("dev.gatehouse.api.InProcessCalls$"));

  /**
   * A value of the domain rather than a service: a record, an enum, an exception or a sealed
   * interface, and so is every class it is nested in (a record nested in a service, like a
   * service's outcome, is part of that service's interface).
   */
  static final DescribedPredicate<JavaClass> VALUE =
      describe(
          "values (records, enums, exceptions, sealed interfaces)",
          c -> {
            for (Optional<JavaClass> at = Optional.of(c);
                at.isPresent();
                at = at.get().getEnclosingClass()) {
              if (!valueShaped(at.get())) {
                return false;
              }
            }
            return true;
          });

  private static boolean valueShaped(JavaClass c) {
    return c.isRecord()
        || c.isEnum()
        || c.isAssignableTo(Throwable.class)
        || (c.isInterface() && c.reflect().isSealed());
  }

  /** Core's services and stores: anything of core but its values, and all of its store port. */
  static final DescribedPredicate<JavaClass> CORE_SERVICE =
      resideInAPackage(CORE)
          .and(
              resideInAnyPackage("dev.gatehouse.core.store..", "dev.gatehouse.core.snapshot..")
                  .or(not(VALUE)))
          .as("core services or stores");

  static final ArchRule CORE_USES_NO_ADAPTER =
      noClasses()
          .that()
          .resideInAPackage(CORE)
          .should()
          .dependOnClassesThat(
              resideInAPackage("dev.gatehouse..").and(not(resideInAnyPackage(CORE, POLICY))))
          .as("core depends on no adapter (of Gatehouse's own code, only on policy)");

  static final ArchRule CORE_USES_NO_HTTP_OR_DATABASE_LIBRARY =
      noClasses()
          .that()
          .resideInAPackage(CORE)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "org.eclipse.jetty..",
              "java.sql..",
              "javax.sql..",
              "org.sqlite..",
              "org.postgresql..",
              "com.zaxxer.hikari..",
              "org.flywaydb..")
          .as("core uses no Jetty, JDBC, JDBC driver, connection pool or migration tool");

  static final ArchRule STORE_ADAPTERS_USE_ONLY_CORE =
      noClasses()
          .that()
          .resideInAPackage(STORE)
          .should()
          .dependOnClassesThat(
              resideInAPackage("dev.gatehouse..").and(not(resideInAnyPackage(STORE, CORE, POLICY))))
          .as("the store adapters depend on core, not on the API, the console or the server");

  static final ArchRule OBJECT_STORES_USE_ONLY_CORE_AND_SIGV4 =
      noClasses()
          .that()
          .resideInAPackage(OBJECTS)
          .should()
          .dependOnClassesThat(
              resideInAPackage("dev.gatehouse..")
                  .and(not(resideInAnyPackage(OBJECTS, CORE, POLICY, "dev.gatehouse.sigv4.."))))
          .as(
              "the object stores depend on core and sigv4 (to re-sign), not on the SQL store,"
                  + " the API, the console or the server");

  static final ArchRule CONSOLE_USES_NO_CORE_SERVICE =
      noClasses()
          .that()
          .resideInAPackage(CONSOLE)
          .should()
          .dependOnClassesThat(CORE_SERVICE)
          .as("the console uses core's values only, never its services or stores");

  static final ArchRule CONSOLE_REACHES_THE_API_ONLY_THROUGH_THE_IN_PROCESS_ENTRY =
      noClasses()
          .that()
          .resideInAPackage(CONSOLE)
          .should()
          .dependOnClassesThat(
              resideInAnyPackage(API, SERVER, STORE, OBJECTS, CLI).and(not(IN_PROCESS_ENTRY)))
          .as(
              "the console reaches the API only through its in-process entry"
                  + " (InProcessCalls, Caller) and its own port");

  static final ArchRule ONLY_THE_CLI_USES_THE_SERVER =
      noClasses()
          .that()
          .resideOutsideOfPackages(SERVER, CLI)
          .should()
          .dependOnClassesThat()
          .resideInAPackage(SERVER)
          .as("nothing but the CLI uses the server (its Jetty adapters and composition root)");

  static final ArchRule ONLY_THE_CLI_USES_COMMANDS =
      noClasses()
          .that()
          .resideOutsideOfPackage(CLI)
          .should()
          .dependOnClassesThat()
          .resideInAPackage(CLI)
          .as("nothing but the CLI uses the command classes");

  static final ArchRule API_USES_NEITHER_CONSOLE_NOR_CLI =
      noClasses()
          .that()
          .resideInAPackage(API)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(CONSOLE, CLI)
          .as("the API (operations and pipeline) uses neither the console nor the CLI");

  /** The API's packages (the pipeline at its root, one package per service) and the console. */
  static final SliceAssignment API_PACKAGES =
      new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass c) {
          String pkg = c.getPackageName();
          if (pkg.equals(API_ROOT)) {
            return SliceIdentifier.of("pipeline");
          }
          if (pkg.startsWith(API_ROOT + ".")) {
            String rest = pkg.substring(API_ROOT.length() + 1);
            int dot = rest.indexOf('.');
            return SliceIdentifier.of(dot < 0 ? rest : rest.substring(0, dot));
          }
          if (pkg.equals("dev.gatehouse.console") || pkg.startsWith("dev.gatehouse.console.")) {
            return SliceIdentifier.of("console");
          }
          return SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
          return "the API's packages and the console";
        }
      };

  static final ArchRule API_PACKAGES_FREE_OF_CYCLES =
      SlicesRuleDefinition.slices()
          .assignedFrom(API_PACKAGES)
          .should()
          .beFreeOfCycles()
          .as("the API's packages and the console are free of cycles");
}
