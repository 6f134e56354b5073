package dev.gatehouse.cli;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code --name VALUE} / {@code --name=VALUE} options and flags of the operations subcommands. */
final class Options {
  final Map<String, String> values = new HashMap<>();
  final Set<String> flags = new java.util.HashSet<>();
  final List<String> positional = new java.util.ArrayList<>();

  private Options() {}

  /**
   * @throws IllegalArgumentException on an unknown option, or one without its value
   */
  static Options parse(List<String> args, Set<String> valued, Set<String> flagNames) {
    Options o = new Options();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      String name = arg;
      String value = null;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        name = arg.substring(0, eq);
        value = arg.substring(eq + 1);
      }
      if (name.toLowerCase(java.util.Locale.ROOT).contains("passphrase")) {
        throw new IllegalArgumentException(
            "the passphrase is never taken from the command line: set "
                + dev.gatehouse.core.backup.BackupArchive.PASSPHRASE_ENV);
      }
      if (valued.contains(name)) {
        if (value == null) {
          if (i + 1 >= args.size()) {
            throw new IllegalArgumentException(name + " needs a value");
          }
          value = args.get(++i);
        }
        o.values.put(name, value);
      } else if (flagNames.contains(name)) {
        o.flags.add(name);
      } else if (!arg.startsWith("-")) {
        o.positional.add(arg);
      } else {
        throw new IllegalArgumentException("unknown option '" + arg + "'");
      }
    }
    return o;
  }

  /** {@code --audit-retention-days N} of {@code serve}: a whole number of days, at least 1. */
  static int retentionDays(String value) {
    try {
      int days = Integer.parseInt(value.trim());
      if (days >= 1) {
        return days;
      }
    } catch (NumberFormatException e) {
      // the message below
    }
    throw new IllegalArgumentException(
        "--audit-retention-days must be a whole number of days, 1 or more, got '" + value + "'");
  }
}
