package dev.gatehouse.server.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;

/** {@code gatehouse policy simulate|validate}. */
public final class PolicyCommand {
  private PolicyCommand() {}

  public static int run(List<String> args, InputStream in, PrintStream out, PrintStream err) {
    err.println("gatehouse policy: not available yet");
    return 2;
  }
}
