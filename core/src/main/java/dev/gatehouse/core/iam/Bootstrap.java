package dev.gatehouse.core.iam;

import dev.gatehouse.core.domain.AccessKey;
import dev.gatehouse.core.domain.AccessKeyOwner;
import dev.gatehouse.core.domain.AccessKeyStatus;
import dev.gatehouse.core.domain.Account;
import dev.gatehouse.core.domain.Ids;
import dev.gatehouse.core.error.GatehouseException;
import dev.gatehouse.core.password.PasswordRules;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * First start: creates the management account, its root access key and its root console password.
 *
 * <p>The root key comes from {@code GATEHOUSE_ROOT_ACCESS_KEY_ID} and {@code
 * GATEHOUSE_ROOT_SECRET_ACCESS_KEY} when both are set; otherwise it is generated and written once,
 * readable by the owner only, to {@code root-credentials} in the data dir (the only place the
 * generated secret ever appears). The root console password likewise comes from {@code
 * GATEHOUSE_ROOT_PASSWORD} or is generated and written to the same file ({@code console_password =
 * ...}); only its hash is stored. Running again is harmless: an existing account is kept, and a
 * root password is only set when the account has none.
 *
 * <p>Every start also resolves the principals of trust policies stored before principals were
 * resolved on write ({@link StoredTrustPolicies}).
 */
public final class Bootstrap {
  public static final String ENV_ACCESS_KEY_ID = "GATEHOUSE_ROOT_ACCESS_KEY_ID";
  public static final String ENV_SECRET_ACCESS_KEY = "GATEHOUSE_ROOT_SECRET_ACCESS_KEY";
  public static final String ENV_ROOT_PASSWORD = "GATEHOUSE_ROOT_PASSWORD";
  public static final String CREDENTIALS_FILE = "root-credentials";

  /** The key of the generated root console password in {@link #CREDENTIALS_FILE}. */
  public static final String PASSWORD_KEY = "console_password";

  private final IamContext ctx;
  private final SecureRandom random = new SecureRandom();

  public Bootstrap(IamServices services) {
    this.ctx = services.context();
  }

  /**
   * @param accountId the management account's 12-digit id, or empty for a random one
   * @param environment the process environment (for the root key variables)
   */
  public record Options(Path dataDir, String accountId, Map<String, String> environment) {
    public Options {
      Objects.requireNonNull(dataDir, "dataDir");
      Objects.requireNonNull(accountId, "accountId");
      environment = Map.copyOf(environment);
    }
  }

  /**
   * @param created whether this run created the account
   * @param credentialsFile where a generated root secret or password was written, when this run
   *     wrote one
   * @param accessKeyWritten whether this run wrote a generated root access key there
   * @param consolePasswordWritten whether this run wrote a generated root console password there
   * @param unresolvedTrustPrincipals principals of stored trust policies that this run found naming
   *     no existing user, role or session (to be reported; they name no one)
   */
  public record Result(
      String managementAccountId,
      List<String> rootAccessKeyIds,
      boolean created,
      Optional<Path> credentialsFile,
      boolean accessKeyWritten,
      boolean consolePasswordWritten,
      List<StoredTrustPolicies.Unresolved> unresolvedTrustPrincipals) {
    public Result {
      rootAccessKeyIds = List.copyOf(rootAccessKeyIds);
      unresolvedTrustPrincipals = List.copyOf(unresolvedTrustPrincipals);
    }

    public Result(
        String managementAccountId,
        List<String> rootAccessKeyIds,
        boolean created,
        Optional<Path> credentialsFile,
        boolean accessKeyWritten,
        boolean consolePasswordWritten) {
      this(
          managementAccountId,
          rootAccessKeyIds,
          created,
          credentialsFile,
          accessKeyWritten,
          consolePasswordWritten,
          List.of());
    }

    public Result(
        String managementAccountId,
        List<String> rootAccessKeyIds,
        boolean created,
        Optional<Path> credentialsFile) {
      this(
          managementAccountId,
          rootAccessKeyIds,
          created,
          credentialsFile,
          credentialsFile.isPresent(),
          false);
    }

    Result withUnresolved(List<StoredTrustPolicies.Unresolved> unresolved) {
      return new Result(
          managementAccountId,
          rootAccessKeyIds,
          created,
          credentialsFile,
          accessKeyWritten,
          consolePasswordWritten,
          unresolved);
    }

    /**
     * What this run wrote to {@link #credentialsFile}, for the start-up message (which names the
     * file, never the secrets).
     */
    public String written() {
      if (accessKeyWritten && consolePasswordWritten) {
        return "root access key and root console password";
      }
      if (accessKeyWritten) {
        return "root access key";
      }
      return consolePasswordWritten ? "root console password" : "nothing";
    }
  }

  public Result run(Options options) {
    Result result = account(options);
    return result.withUnresolved(StoredTrustPolicies.resolve(ctx));
  }

  private Result account(Options options) {
    if (!options.accountId().isEmpty() && !options.accountId().matches("[0-9]{12}")) {
      throw new IllegalArgumentException("the account id must be 12 digits");
    }
    String envId = options.environment().getOrDefault(ENV_ACCESS_KEY_ID, "");
    String envSecret = options.environment().getOrDefault(ENV_SECRET_ACCESS_KEY, "");
    if (envId.isEmpty() != envSecret.isEmpty()) {
      throw new IllegalArgumentException(
          "set both " + ENV_ACCESS_KEY_ID + " and " + ENV_SECRET_ACCESS_KEY + ", or neither");
    }
    if (!envId.isEmpty()) {
      if (!envId.matches("[A-Z0-9]{16,128}")) {
        throw new IllegalArgumentException(
            ENV_ACCESS_KEY_ID + " must be 16-128 upper-case letters and digits");
      }
      if (envSecret.length() < 16 || envSecret.length() > 128) {
        throw new IllegalArgumentException(ENV_SECRET_ACCESS_KEY + " must be 16-128 characters");
      }
    }
    String envPassword = options.environment().getOrDefault(ENV_ROOT_PASSWORD, "");
    if (!envPassword.isEmpty()) {
      try {
        LoginProfiles.password("password", envPassword);
        PasswordRules.check(envPassword, Optional.empty());
      } catch (GatehouseException e) {
        // The message names the rule, never the password.
        throw new IllegalArgumentException(ENV_ROOT_PASSWORD + ": " + e.getMessage(), e);
      }
    }
    Optional<Account> existing = oldestAccount();
    if (existing.isPresent()) {
      return keep(existing.get().id(), options, envId, envSecret, envPassword);
    }

    String accountId = options.accountId().isEmpty() ? ctx.ids().accountId() : options.accountId();
    Ids ids = ctx.ids();
    String keyId = envId.isEmpty() ? ids.accessKeyId() : envId;
    String secret = envId.isEmpty() ? ids.secretAccessKey() : envSecret;
    String password = envPassword.isEmpty() ? generatedPassword() : envPassword;
    String passwordHash =
        envPassword.isEmpty() ? ctx.hasher().hashGenerated(password) : ctx.hasher().hash(password);
    Optional<Path> file = Optional.empty();
    if (envId.isEmpty() || envPassword.isEmpty()) {
      // Written before the commit: a secret that is stored but shown nowhere would be useless.
      file =
          Optional.of(
              writeCredentials(
                  options.dataDir(),
                  accountId,
                  envId.isEmpty() ? content(keyId, secret) : "",
                  envPassword.isEmpty() ? passwordLine(password) : ""));
    }
    boolean created;
    try {
      created =
          ctx.write(
              accountId,
              tx -> {
                // Nodes sharing a store may start at once: the first to take the write lock
                // creates the account, the others find it here and keep it.
                if (!tx.accounts().all().isEmpty()) {
                  return false;
                }
                IamRules.createAccount(tx, new Account(accountId, ctx.now()));
                AccessKeys.store(ctx, tx, rootKey(accountId, keyId), secret);
                tx.passwords().setRootPasswordHash(accountId, passwordHash);
                return true;
              });
    } catch (RuntimeException e) {
      file.ifPresent(Bootstrap::deleteQuietly);
      throw e;
    }
    if (!created) {
      // The generated secrets were never stored: the file would name credentials that do not work.
      file.ifPresent(Bootstrap::deleteQuietly);
      return keep(oldestAccount().orElseThrow().id(), options, envId, envSecret, envPassword);
    }
    return new Result(
        accountId, List.of(keyId), true, file, envId.isEmpty(), envPassword.isEmpty());
  }

  /** An account exists: keeps it, adding the root key and password the environment asks for. */
  private Result keep(
      String id, Options options, String envId, String envSecret, String envPassword) {
    if (!options.accountId().isEmpty() && !options.accountId().equals(id)) {
      throw new IllegalStateException(
          "the store already holds management account " + id + ", not " + options.accountId());
    }
    if (!envId.isEmpty() && ctx.read(tx -> tx.keys().accessKey(envId)).isEmpty()) {
      ctx.write(
          id,
          tx -> {
            // Checked again under the write lock: another node may have stored it meanwhile.
            if (tx.keys().accessKey(envId).isEmpty()) {
              AccessKeys.store(ctx, tx, rootKey(id, envId), envSecret);
            }
            return null;
          });
    }
    Optional<Path> passwordFile = Optional.empty();
    if (ctx.read(tx -> tx.passwords().rootPasswordHash(id)).isEmpty()) {
      String password = envPassword.isEmpty() ? generatedPassword() : envPassword;
      if (envPassword.isEmpty()) {
        passwordFile = Optional.of(appendPassword(options.dataDir(), id, password));
      }
      String hash =
          envPassword.isEmpty()
              ? ctx.hasher().hashGenerated(password)
              : ctx.hasher().hash(password);
      ctx.write(
          id,
          tx -> {
            tx.passwords().setRootPasswordHash(id, hash);
            return null;
          });
    }
    return new Result(id, rootKeys(id), false, passwordFile, false, passwordFile.isPresent());
  }

  private Optional<Account> oldestAccount() {
    return ctx.read(
        tx -> tx.accounts().all().stream().min(Comparator.comparing(Account::createDate)));
  }

  private AccessKey rootKey(String accountId, String keyId) {
    return new AccessKey(
        keyId, accountId, new AccessKeyOwner.Root(), AccessKeyStatus.ACTIVE, ctx.now());
  }

  private List<String> rootKeys(String accountId) {
    return ctx.read(
        tx ->
            tx.keys().accessKeys(accountId, new AccessKeyOwner.Root()).stream()
                .map(AccessKey::accessKeyId)
                .toList());
  }

  private String generatedPassword() {
    return PasswordRules.generate(random);
  }

  private static String content(String keyId, String secret) {
    return "aws_access_key_id = " + keyId + "\naws_secret_access_key = " + secret + "\n";
  }

  private static String passwordLine(String password) {
    return PASSWORD_KEY + " = " + password + "\n";
  }

  /**
   * Adds a generated root console password to an account created before console passwords existed:
   * appended to its credentials file, or a new file when there is none.
   */
  private static Path appendPassword(Path dataDir, String accountId, String password) {
    Path file = dataDir.resolve(CREDENTIALS_FILE);
    if (!Files.exists(file)) {
      return writeCredentials(dataDir, accountId, "", passwordLine(password));
    }
    try {
      Files.writeString(
          file, passwordLine(password), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private static Path writeCredentials(
      Path dataDir, String accountId, String keys, String passwordLine) {
    Path file = dataDir.resolve(CREDENTIALS_FILE);
    String content =
        "# Gatehouse root credentials of account "
            + accountId
            + " (AWS CLI credentials-file format"
            + (passwordLine.isEmpty()
                ? ""
                : "; " + PASSWORD_KEY + " is the root user's console password")
            + ")\n[default]\n"
            + keys
            + passwordLine;
    try {
      Files.createDirectories(dataDir);
      if (Files.getFileStore(dataDir).supportsFileAttributeView(PosixFileAttributeView.class)) {
        Files.createFile(
            file,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } else {
        Files.createFile(file);
      }
      Files.writeString(file, content, StandardCharsets.UTF_8);
      return file;
    } catch (FileAlreadyExistsException e) {
      throw new IllegalStateException(
          file + " exists but the store has no account: remove the stale file first", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // The commit failed already; a leftover file is reported on the next start.
    }
  }
}
