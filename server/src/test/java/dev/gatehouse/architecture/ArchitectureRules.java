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
import java.util.Set;

/**
 * The forbidden arrows of docs/DESIGN.md ("Never: ..."), as rules over compiled classes. Each rule
 * names packages, not today's Maven modules, so it holds unchanged when a package becomes a module
 * of its own (the API packages {@code iam}/{@code sts}/{@code org} and the pipeline, the console,
 * the CLI). {@code ArchitectureTest} runs them over the production classes, {@code
 * ArchitectureRulesRefuseTest} over fixture classes that break each one.
 */
final class ArchitectureRules {
  private ArchitectureRules() {}

  static final String CORE = "dev.gatehouse.core..";
  static final String POLICY = "dev.gatehouse.policy..";
  static final String STORE = "dev.gatehouse.store..";
  static final String SERVER = "dev.gatehouse.server..";
  static final String SERVER_ROOT = "dev.gatehouse.server";
  static final String CONSOLE = "dev.gatehouse.server.console..";
  static final String CLI = "dev.gatehouse.server.cli..";
  static final String[] API_OPERATIONS = {
    "dev.gatehouse.server.iam..", "dev.gatehouse.server.sts..", "dev.gatehouse.server.org.."
  };

  /**
   * The classes of the server's root package that wire the server together (the target map's {@code
   * server} module) rather than run requests (its {@code api} module): they point at every other
   * package, so they are a slice of their own. They move to a package of their own once the
   * composition root settles; this list then goes.
   */
  static final Set<String> COMPOSITION_ROOT =
      Set.of(
          "dev.gatehouse.server.Gatehouse",
          "dev.gatehouse.server.DeferredHandler",
          "dev.gatehouse.server.CoreConsoleBackend");

  private static boolean inCompositionRoot(JavaClass c) {
    String name = c.getName();
    int nested = name.indexOf('$');
    return COMPOSITION_ROOT.contains(nested < 0 ? name : name.substring(0, nested));
  }

  private static final DescribedPredicate<JavaClass> COMPOSITION_ROOT_CLASS =
      describe("the composition root", ArchitectureRules::inCompositionRoot);

  /** The request pipeline in the server's root package (its codecs, audit, in-process entry). */
  private static final DescribedPredicate<JavaClass> PIPELINE =
      resideInAPackage(SERVER_ROOT).and(not(COMPOSITION_ROOT_CLASS)).as("the request pipeline");

  /** The console's way into the API: the in-process entry and the caller it runs an action as. */
  private static final DescribedPredicate<JavaClass> IN_PROCESS_ENTRY =
      describe(
          "the in-process entry",
          c ->
              c.getName().equals("dev.gatehouse.server.Caller")
                  || c.getName().equals("dev.gatehouse.server.InProcessCalls")
                  || c.getName().startsWith("dev.gatehouse.server.InProcessCalls$"));

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
          .as("the store adapters depend on core, not on the server (nor on any other adapter)");

  static final ArchRule CONSOLE_USES_NO_CORE_SERVICE =
      noClasses()
          .that()
          .resideInAPackage(CONSOLE)
          .should()
          .dependOnClassesThat(CORE_SERVICE)
          .as("the console uses core's values only, never its services or stores");

  static final ArchRule CONSOLE_REACHES_THE_SERVER_ONLY_THROUGH_THE_IN_PROCESS_ENTRY =
      noClasses()
          .that()
          .resideInAPackage(CONSOLE)
          .should()
          .dependOnClassesThat(
              resideInAnyPackage(SERVER, STORE)
                  .and(not(resideInAPackage(CONSOLE)))
                  .and(not(IN_PROCESS_ENTRY)))
          .as(
              "the console reaches the API only through its in-process entry"
                  + " (InProcessCalls, Caller) and its own port");

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
          .that(resideInAnyPackage(API_OPERATIONS).or(PIPELINE))
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(CONSOLE, CLI)
          .as("the API (operations and pipeline) uses neither the console nor the CLI");

  /**
   * The server's packages: each subpackage with what lies under it, the root package's pipeline,
   * and the composition root.
   */
  static final SliceAssignment SERVER_PACKAGES =
      new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass c) {
          String pkg = c.getPackageName();
          if (pkg.equals(SERVER_ROOT)) {
            return SliceIdentifier.of(inCompositionRoot(c) ? "composition root" : "pipeline");
          }
          if (pkg.startsWith(SERVER_ROOT + ".")) {
            String rest = pkg.substring(SERVER_ROOT.length() + 1);
            int dot = rest.indexOf('.');
            return SliceIdentifier.of(dot < 0 ? rest : rest.substring(0, dot));
          }
          return SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
          return "the server's packages";
        }
      };

  static final ArchRule SERVER_PACKAGES_FREE_OF_CYCLES =
      SlicesRuleDefinition.slices()
          .assignedFrom(SERVER_PACKAGES)
          .should()
          .beFreeOfCycles()
          .as("the server's packages are free of cycles");
}
