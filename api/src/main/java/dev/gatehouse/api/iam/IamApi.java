package dev.gatehouse.api.iam;

import dev.gatehouse.api.Operation;
import dev.gatehouse.core.iam.IamServices;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The IAM Query API (version 2010-05-08): every action the core services offer. One list; each
 * entry says how to decode, target, run and encode its action.
 */
public final class IamApi {
  private IamApi() {}

  public static final String VERSION = "2010-05-08";
  public static final String NAMESPACE = "https://iam.amazonaws.com/doc/2010-05-08/";
  public static final String EVENT_SOURCE = "iam.amazonaws.com";

  /**
   * @param accountCreated an account's creation date (GetUser for the root user)
   */
  public static List<Operation<?, ?>> operations(
      IamServices iam, Function<String, Instant> accountCreated) {
    List<Operation<?, ?>> all = new ArrayList<>();
    all.addAll(UserAndGroupActions.table(iam, accountCreated));
    all.addAll(RoleActions.table(iam));
    all.addAll(InstanceProfileActions.table(iam));
    all.addAll(OidcProviderActions.table(iam));
    all.addAll(SamlProviderActions.table(iam));
    all.addAll(PolicyActions.table(iam));
    all.addAll(InlineKeyAndAccountActions.table(iam));
    all.add(AuthorizationDetailsAction.operation(iam));
    all.addAll(LoginProfileActions.table(iam));
    all.addAll(MfaTagActions.table(iam));
    all.addAll(UserCertificateActions.table(iam));
    all.addAll(ServerCertificateActions.table(iam));
    all.addAll(ServiceLinkedRoleActions.table(iam));
    all.addAll(CredentialReportActions.table(iam));
    return List.copyOf(all);
  }
}
