package dev.gatehouse.server.cli;

import java.io.PrintStream;
import java.util.List;

/** {@code gatehouse serve}. */
public final class ServeCommand {
  private ServeCommand() {}

  public static int run(List<String> args, PrintStream out, PrintStream err) {
    err.println("gatehouse serve: not available yet");
    return 2;
  }
}
