package dev.gatehouse.cli;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.gatehouse.policy.MalformedPolicyException;
import dev.gatehouse.policy.Outcome;
import dev.gatehouse.policy.Policy;
import dev.gatehouse.policy.PolicyFinding;
import dev.gatehouse.policy.PolicyKind;
import dev.gatehouse.policy.PolicyLinter;
import dev.gatehouse.policy.cases.CaseFile;
import dev.gatehouse.policy.cases.CaseFileException;
import dev.gatehouse.policy.cases.CaseResult;
import dev.gatehouse.policy.cases.PolicyCase;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/** {@code gatehouse policy simulate|validate} (docs/POLICY-CASES.md). */
public final class PolicyCommand {
  private static final int OK = 0;
  private static final int MISMATCH = 1;
  private static final int UNUSABLE = 2;

  private static final String USAGE =
      """
      Usage: gatehouse policy simulate FILE|- [--explain] [--repeat N]
             gatehouse policy validate FILE|- [--type identity|resource|trust|boundary|session|scp|rcp]

      simulate  evaluates policy cases (a JSON array, {"cases": [...], "policies": {...}}, or
                JSON lines; .gz files are read compressed) and prints one JSON line per case.
                --explain  adds the statements that determined each decision
                --repeat N evaluates every case N more times on one thread and prints the
                           throughput as the last line on standard error
                Exit status: 0 all evaluated and matched, 1 an expected decision did not match
                or a case could not be evaluated, 2 unusable input.
      validate  checks a policy document as AWS does for its type (default identity), prints
                AWS's error or "valid", then findings such as unknown actions.
                Exit status: 0 valid, 1 invalid, 2 unusable input.
      """;

  private PolicyCommand() {}

  public static int run(List<String> args, InputStream in, PrintStream out, PrintStream err) {
    if (args.isEmpty() || args.get(0).equals("--help") || args.get(0).equals("help")) {
      out.print(USAGE);
      return args.isEmpty() ? UNUSABLE : OK;
    }
    List<String> rest = args.subList(1, args.size());
    if (rest.contains("--help")) {
      out.print(USAGE);
      return OK;
    }
    try {
      return switch (args.get(0)) {
        case "simulate" -> simulate(rest, in, out, err);
        case "validate" -> validate(rest, in, out, err);
        default -> usage(err, "unknown subcommand '" + args.get(0) + "'");
      };
    } catch (UsageException e) {
      return usage(err, e.getMessage());
    }
  }

  private static final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }

  private static int usage(PrintStream err, String message) {
    err.println("gatehouse policy: " + message);
    err.print(USAGE);
    return UNUSABLE;
  }

  private static int simulate(List<String> args, InputStream in, PrintStream out, PrintStream err) {
    String file = null;
    boolean explain = false;
    long repeat = 0;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("--explain")) {
        explain = true;
      } else if (a.equals("--repeat")) {
        if (i + 1 >= args.size()) {
          throw new UsageException("--repeat needs a count");
        }
        repeat = count(args.get(++i));
      } else if (a.startsWith("--repeat=")) {
        repeat = count(a.substring(9));
      } else if (file == null && (a.equals("-") || !a.startsWith("-"))) {
        file = a;
      } else {
        throw new UsageException("unexpected argument '" + a + "'");
      }
    }
    if (file == null) {
      throw new UsageException("simulate needs FILE or -");
    }
    Optional<String> text = read(file, in, err);
    if (text.isEmpty()) {
      return UNUSABLE;
    }
    CaseFile cases;
    try {
      cases = CaseFile.parse(text.get());
    } catch (CaseFileException e) {
      err.println("gatehouse policy simulate: " + e.getMessage());
      return UNUSABLE;
    }
    int status = OK;
    StringBuilder line = new StringBuilder(128);
    for (PolicyCase c : cases.cases()) {
      CaseResult r = c.evaluate();
      line.setLength(0);
      line.append("{\"id\": ").append(quote(r.id()));
      if (r.error().isPresent()) {
        line.append(", \"error\": ").append(quote(r.error().get()));
        status = MISMATCH;
      } else {
        Outcome o = r.outcome().orElseThrow();
        line.append(", \"decision\": ").append(quote(o.wireName()));
        if (c.expected().isPresent()) {
          boolean match = c.expected().get() == o;
          line.append(", \"expected\": ").append(quote(c.expected().get().wireName()));
          line.append(", \"match\": ").append(match);
          if (!match) {
            status = MISMATCH;
          }
        }
        if (explain) {
          line.append(", \"explanation\": [");
          for (int i = 0; i < r.explanation().size(); i++) {
            line.append(i == 0 ? "" : ", ").append(quote(r.explanation().get(i)));
          }
          line.append(']');
        }
      }
      out.println(line.append('}'));
    }
    if (repeat > 0) {
      throughput(cases.cases(), repeat, err);
    }
    return status;
  }

  private static void throughput(List<PolicyCase> cases, long repeat, PrintStream err) {
    PolicyCase[] all = cases.toArray(new PolicyCase[0]);
    long allowed = 0;
    long start = System.nanoTime();
    for (long n = 0; n < repeat; n++) {
      for (PolicyCase c : all) {
        if (c.decide() == Outcome.ALLOWED) {
          allowed++;
        }
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    long decisions = repeat * all.length;
    // The allowed count keeps the loop from being optimised away; it is not reported.
    if (allowed < 0) {
      err.println(allowed);
    }
    err.println(
        String.format(
            Locale.ROOT,
            "%d decisions in %.3f s: %.0f decisions/s",
            decisions,
            seconds,
            decisions / Math.max(seconds, 1e-9)));
  }

  private static long count(String s) {
    try {
      long n = Long.parseLong(s);
      if (n < 0) {
        throw new UsageException("--repeat must not be negative");
      }
      return n;
    } catch (NumberFormatException e) {
      throw new UsageException("--repeat needs a number, not '" + s + "'");
    }
  }

  private static int validate(List<String> args, InputStream in, PrintStream out, PrintStream err) {
    String file = null;
    PolicyKind kind = PolicyKind.IDENTITY;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("--type") || a.startsWith("--type=")) {
        String t;
        if (a.equals("--type")) {
          if (i + 1 >= args.size()) {
            throw new UsageException("--type needs a policy type");
          }
          t = args.get(++i);
        } else {
          t = a.substring(7);
        }
        kind = kind(t);
      } else if (file == null && (a.equals("-") || !a.startsWith("-"))) {
        file = a;
      } else {
        throw new UsageException("unexpected argument '" + a + "'");
      }
    }
    if (file == null) {
      throw new UsageException("validate needs FILE or -");
    }
    Optional<String> text = read(file, in, err);
    if (text.isEmpty()) {
      return UNUSABLE;
    }
    Policy policy;
    try {
      policy = Policy.parse(text.get(), kind);
    } catch (MalformedPolicyException e) {
      out.println(e.errorCode() + ": " + e.describe());
      return MISMATCH;
    }
    out.println("valid " + kind.name().toLowerCase(Locale.ROOT) + " policy");
    for (PolicyFinding f : PolicyLinter.findings(policy)) {
      out.println(f.describe());
    }
    return OK;
  }

  private static PolicyKind kind(String t) {
    try {
      return PolicyKind.valueOf(t.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new UsageException("unknown policy type '" + t + "'");
    }
  }

  private static Optional<String> read(String file, InputStream in, PrintStream err) {
    try {
      byte[] bytes = file.equals("-") ? in.readAllBytes() : Files.readAllBytes(Path.of(file));
      if (bytes.length > 1 && bytes[0] == (byte) 0x1f && bytes[1] == (byte) 0x8b) {
        try (InputStream gz = new GZIPInputStream(new java.io.ByteArrayInputStream(bytes))) {
          bytes = gz.readAllBytes();
        }
      }
      return Optional.of(new String(bytes, StandardCharsets.UTF_8));
    } catch (IOException e) {
      err.println("gatehouse policy: cannot read " + file + ": " + e.getMessage());
      return Optional.empty();
    }
  }

  private static String quote(String s) {
    return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + "\"";
  }
}
