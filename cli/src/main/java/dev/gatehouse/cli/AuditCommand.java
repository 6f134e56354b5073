package dev.gatehouse.cli;

import dev.gatehouse.api.AuditVerifier;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** {@code gatehouse audit verify [--dir DIR | --data-dir DIR]}: checks the audit log's chain. */
final class AuditCommand {
  private AuditCommand() {}

  static int run(List<String> args, PrintStream out, PrintStream err) {
    Options o;
    try {
      o = Options.parse(args, Set.of("--dir", "--data-dir"), Set.of("--help"));
      if (o.flags.contains("--help")) {
        out.print(USAGE);
        return 0;
      }
      if (!o.positional.equals(List.of("verify"))) {
        throw new IllegalArgumentException("the audit command is: audit verify");
      }
    } catch (IllegalArgumentException e) {
      err.println("gatehouse audit: " + e.getMessage());
      err.print(USAGE);
      return 2;
    }
    Path dir =
        o.values.containsKey("--dir")
            ? Path.of(o.values.get("--dir"))
            : Path.of(o.values.getOrDefault("--data-dir", "gatehouse-data")).resolve("audit");
    try {
      AuditVerifier.Result result = AuditVerifier.verify(dir);
      (result.ok() ? out : err).println(result.message());
      return result.ok() ? 0 : 1;
    } catch (IOException e) {
      err.println("gatehouse audit: cannot read " + dir + ": " + e.getMessage());
      return 1;
    }
  }

  static final String USAGE =
      """
      Usage: gatehouse audit verify [--dir AUDIT_DIR | --data-dir DIR]

      Checks the checksum chain of the audit log (default ./gatehouse-data/audit): prints OK,
      or the first broken line as FILE:LINE and exits 1.
      """;
}
