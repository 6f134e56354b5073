package dev.gatehouse.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/** The command line: {@code gatehouse serve|policy|backup|restore|audit|keys ...}. */
public final class Main {
  private Main() {}

  /** The SLF4J provider bundled with the server (Jetty's, to standard error). */
  static final String LOGGING_PROVIDER = "org.eclipse.jetty.logging.JettyLoggingServiceProvider";

  public static void main(String[] args) {
    namedLoggingProvider();
    System.exit(run(Arrays.asList(args), System.out, System.err));
  }

  /**
   * Names the logging provider, unless the operator named one: SLF4J otherwise looks for it in
   * every jar of the class path, opening each (a tenth of a second at every start). It still falls
   * back to that search when the named class is missing; its note that it loaded the named provider
   * is silenced, warnings and errors stay.
   */
  static void namedLoggingProvider() {
    if (System.getProperty("slf4j.provider") == null) {
      System.setProperty("slf4j.provider", LOGGING_PROVIDER);
      if (System.getProperty("slf4j.internal.verbosity") == null) {
        System.setProperty("slf4j.internal.verbosity", "WARN");
      }
    }
  }

  static int run(List<String> args, PrintStream out, PrintStream err) {
    if (args.isEmpty() || args.get(0).equals("--help") || args.get(0).equals("help")) {
      out.print(USAGE);
      return args.isEmpty() ? 2 : 0;
    }
    List<String> rest = args.subList(1, args.size());
    return switch (args.get(0)) {
      case "serve" -> ServeCommand.run(rest, out, err);
      case "policy" -> PolicyCommand.run(rest, System.in, out, err);
      case "backup" -> BackupCommand.backup(rest, System.getenv(), out, err);
      case "restore" -> BackupCommand.restore(rest, System.getenv(), out, err);
      case "audit" -> AuditCommand.run(rest, out, err);
      case "keys" -> KeysCommand.run(rest, System.getenv(), out, err);
      case "access" -> AccessCommand.run(rest, System.getenv(), out, err);
      default -> {
        err.println("gatehouse: unknown command '" + args.get(0) + "'");
        err.print(USAGE);
        yield 2;
      }
    };
  }

  private static final String USAGE =
      """
      Usage: gatehouse <command> [options]

      Commands:
        serve                      run the IAM, STS and S3 server (gatehouse serve --help)
        policy simulate FILE       evaluate policy cases (gatehouse policy --help)
        policy validate FILE       validate a policy document
        backup --to FILE           encrypted online backup of the data dir or the PostgreSQL
                                   store (gatehouse backup --help)
        restore FILE --data-dir D  restore a backup into an empty data dir (or --store URL:
                                   an empty database)
        audit verify               check the audit log's checksum chain (gatehouse audit --help)
        keys rotate --data-dir D   rotate the session and/or master keys (gatehouse keys --help);
                                   --endpoint URL: the session keys of a running server
        access request|approve|list|revoke|...  temporary access with approval
                                   (gatehouse access --help)
      """;
}
