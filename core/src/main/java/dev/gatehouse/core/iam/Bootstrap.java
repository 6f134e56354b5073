package dev.gatehouse.core.iam;

import dev.gatehouse.core.domain.AccessKey;
import dev.gatehouse.core.domain.AccessKeyOwner;
import dev.gatehouse.core.domain.AccessKeyStatus;
import dev.gatehouse.core.domain.Account;
import dev.gatehouse.core.domain.Ids;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * First start: creates the management account and its root access key.
 *
 * <p>The root key comes from {@code GATEHOUSE_ROOT_ACCESS_KEY_ID} and {@code
 * GATEHOUSE_ROOT_SECRET_ACCESS_KEY} when both are set; otherwise it is generated and written once,
 * readable by the owner only, to {@code root-credentials} in the data dir (the only place the
 * generated secret ever appears). Running again is harmless: an existing account is kept.
 */
public final class Bootstrap {
  public static final String ENV_ACCESS_KEY_ID = "GATEHOUSE_ROOT_ACCESS_KEY_ID";
  public static final String ENV_SECRET_ACCESS_KEY = "GATEHOUSE_ROOT_SECRET_ACCESS_KEY";
  public static final String CREDENTIALS_FILE = "root-credentials";

  private final IamContext ctx;

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
   * @param credentialsFile where a generated root secret was written, when this run wrote one
   */
  public record Result(
      String managementAccountId,
      List<String> rootAccessKeyIds,
      boolean created,
      Optional<Path> credentialsFile) {
    public Result {
      rootAccessKeyIds = List.copyOf(rootAccessKeyIds);
    }
  }

  public Result run(Options options) {
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
    Optional<Account> existing =
        ctx.read(tx -> tx.accounts().stream().min(Comparator.comparing(Account::createDate)));
    if (existing.isPresent()) {
      String id = existing.get().id();
      if (!options.accountId().isEmpty() && !options.accountId().equals(id)) {
        throw new IllegalStateException(
            "the data dir already holds management account " + id + ", not " + options.accountId());
      }
      if (!envId.isEmpty() && ctx.read(tx -> tx.accessKey(envId)).isEmpty()) {
        ctx.write(
            id,
            tx -> {
              AccessKeys.store(ctx, tx, rootKey(id, envId), envSecret);
              return null;
            });
      }
      return new Result(id, rootKeys(id), false, Optional.empty());
    }

    String accountId = options.accountId().isEmpty() ? ctx.ids().accountId() : options.accountId();
    Ids ids = ctx.ids();
    String keyId = envId.isEmpty() ? ids.accessKeyId() : envId;
    String secret = envId.isEmpty() ? ids.secretAccessKey() : envSecret;
    Optional<Path> file = Optional.empty();
    if (envId.isEmpty()) {
      // Written before the commit: a secret that is stored but shown nowhere would be useless.
      file = Optional.of(writeCredentials(options.dataDir(), accountId, keyId, secret));
    }
    try {
      ctx.write(
          accountId,
          tx -> {
            tx.createAccount(new Account(accountId, ctx.now()));
            AccessKeys.store(ctx, tx, rootKey(accountId, keyId), secret);
            return null;
          });
    } catch (RuntimeException e) {
      file.ifPresent(Bootstrap::deleteQuietly);
      throw e;
    }
    return new Result(accountId, List.of(keyId), true, file);
  }

  private AccessKey rootKey(String accountId, String keyId) {
    return new AccessKey(
        keyId, accountId, new AccessKeyOwner.Root(), AccessKeyStatus.ACTIVE, ctx.now());
  }

  private List<String> rootKeys(String accountId) {
    return ctx.read(
        tx ->
            tx.accessKeys(accountId, new AccessKeyOwner.Root()).stream()
                .map(AccessKey::accessKeyId)
                .toList());
  }

  private static Path writeCredentials(
      Path dataDir, String accountId, String keyId, String secret) {
    Path file = dataDir.resolve(CREDENTIALS_FILE);
    String content =
        "# Gatehouse root credentials of account "
            + accountId
            + " (AWS CLI credentials-file format)\n[default]\naws_access_key_id = "
            + keyId
            + "\naws_secret_access_key = "
            + secret
            + "\n";
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
