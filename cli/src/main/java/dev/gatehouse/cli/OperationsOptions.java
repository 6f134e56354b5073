package dev.gatehouse.cli;

import dev.gatehouse.server.Operations;
import java.time.Duration;
import java.util.List;

/**
 * The options of {@code gatehouse serve} that say how the server is operated: {@code --metrics-port
 * N} or {@code --metrics public}, and {@code --shutdown-grace SECONDS}. {@link ServeCommand#parse}
 * accepts them and leaves them to this class.
 */
final class OperationsOptions {
  static final String METRICS_PORT = "--metrics-port";
  static final String METRICS = "--metrics";
  static final String SHUTDOWN_GRACE = "--shutdown-grace";

  /** The longest grace period accepted: systemd's default stop timeout is 90 s. */
  static final long MAX_GRACE_SECONDS = 3600;

  private OperationsOptions() {}

  /** The operations the options ask for (the defaults for those not given). */
  static Operations parse(List<String> args) {
    Operations.MetricsExposure metrics = new Operations.MetricsExposure.Off();
    Duration grace = Operations.DEFAULT_GRACE;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      String name = arg;
      String value = null;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        name = arg.substring(0, eq);
        value = arg.substring(eq + 1);
      }
      if (!name.equals(METRICS_PORT) && !name.equals(METRICS) && !name.equals(SHUTDOWN_GRACE)) {
        continue;
      }
      if (value == null) {
        if (i + 1 >= args.size()) {
          throw new IllegalArgumentException(name + " needs a value");
        }
        value = args.get(++i);
      }
      if (name.equals(METRICS_PORT) || name.equals(METRICS)) {
        if (metrics.on()) {
          throw new IllegalArgumentException(
              "give one of " + METRICS_PORT + " N and " + METRICS + " public, once");
        }
        metrics = metrics(name, value);
      } else {
        String seconds = value.endsWith("s") ? value.substring(0, value.length() - 1) : value;
        grace = Duration.ofSeconds(number(name, seconds, 0, MAX_GRACE_SECONDS));
      }
    }
    return new Operations(metrics, grace);
  }

  private static Operations.MetricsExposure metrics(String name, String value) {
    if (name.equals(METRICS_PORT)) {
      return new Operations.MetricsExposure.LoopbackPort(number(name, value, 0, 65535));
    }
    return switch (value) {
      case "public" -> new Operations.MetricsExposure.Signed();
      case "off" -> new Operations.MetricsExposure.Off();
      default ->
          throw new IllegalArgumentException(
              METRICS + " must be public or off, got '" + value + "'");
    };
  }

  private static int number(String name, String value, long min, long max) {
    long n;
    try {
      n = Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a number, got '" + value + "'", e);
    }
    if (n < min || n > max) {
      throw new IllegalArgumentException(name + " must be " + min + "-" + max + ", got " + n);
    }
    return (int) n;
  }
}
