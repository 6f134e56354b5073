package dev.gatehouse.api.sts;

import dev.gatehouse.api.Caller;
import dev.gatehouse.api.Operation;
import dev.gatehouse.api.Operation.Aim;
import dev.gatehouse.api.QueryParameters;
import dev.gatehouse.api.Shape;
import dev.gatehouse.core.authz.Principal;
import dev.gatehouse.core.authz.Target;
import dev.gatehouse.core.domain.Tag;
import dev.gatehouse.core.domain.User;
import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import dev.gatehouse.core.iam.IamServices;
import dev.gatehouse.core.iam.Page;
import dev.gatehouse.core.iam.PageRequest;
import dev.gatehouse.core.mfa.Base32;
import dev.gatehouse.core.mfa.OtpAuthUri;
import dev.gatehouse.core.mfa.QrCode;
import dev.gatehouse.core.sts.MfaDevices;
import dev.gatehouse.core.sts.MfaFacts;
import dev.gatehouse.core.sts.MfaHolder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The IAM virtual-MFA actions: CreateVirtualMFADevice, EnableMFADevice, ResyncMFADevice,
 * DeactivateMFADevice, DeleteVirtualMFADevice, ListMFADevices, ListVirtualMFADevices; and the code
 * check of AssumeRole and GetSessionToken.
 *
 * <p>spec: IAM API Reference for each action; the seed and QR code are blobs, base64 on the wire
 * (Base32StringSeed is the base64 of the Base32 text).
 *
 * <p>The root user's own devices: called with the root user's credentials and without {@code
 * UserName}, EnableMFADevice, ResyncMFADevice, DeactivateMFADevice and ListMFADevices act on the
 * root user (AWS offers root MFA in its console only; Gatehouse's console uses these calls, see
 * DEVIATIONS T16). The console's MFA step at sign-in uses the same devices.
 */
public final class MfaActions {
  private final IamServices iam;
  private final MfaDevices devices;

  public MfaActions(IamServices iam, MfaDevices devices) {
    this.iam = iam;
    this.devices = devices;
  }

  record CreateInput(String name, String path, List<Tag> tags) {}

  /** A created device and the tags it was created with (CreateVirtualMFADevice echoes them). */
  record CreatedWithTags(MfaDevices.Created created, List<Tag> tags) {}

  /**
   * A device action's input.
   *
   * @param userName the UserName given, empty when none was (the caller's own, if root)
   */
  record UserDevice(String userName, String serial, String code1, String code2) {}

  /** A ListMFADevices or ListVirtualMFADevices request: its filter and its page. */
  record Listing(String filter, PageRequest page) {
    static Listing of(String filter, QueryParameters p) {
      return new Listing(
          filter, PageRequest.parse(p.get("Marker").orElse(""), p.get("MaxItems").orElse("")));
    }
  }

  /** The STS code check: the caller must be the IAM user or root user the device is enabled for. */
  public MfaFacts verify(Principal caller, String serialNumber, String tokenCode) {
    if (serialNumber.isEmpty() || tokenCode.isEmpty()) {
      throw new GatehouseException(ErrorCode.ACCESS_DENIED, MfaDevices.MFA_FAILED);
    }
    MfaHolder holder;
    if (caller instanceof Principal.User u) {
      holder = new MfaHolder.User(u.userName());
    } else if (caller instanceof Principal.Root) {
      holder = new MfaHolder.Root();
    } else {
      throw new GatehouseException(ErrorCode.ACCESS_DENIED, MfaDevices.MFA_FAILED);
    }
    return MfaFacts.present(devices.verify(caller.accountId(), holder, serialNumber, tokenCode));
  }

  /**
   * The serial number of the MFA device enabled for the IAM user or root user, if any (console
   * sign-in; with several, the first by serial number).
   */
  public Optional<String> enabledDevice(String accountId, MfaHolder holder) {
    for (MfaDevices.Device d : devices.list(accountId)) {
      if (d.heldBy(holder)) {
        return Optional.of(d.serialNumber());
      }
    }
    return Optional.empty();
  }

  /**
   * Verifies a console sign-in code against the holder's enabled device; the code is then used up,
   * as for AssumeRole.
   *
   * @throws GatehouseException AccessDenied ({@link MfaDevices#MFA_FAILED})
   */
  public MfaFacts verifySignInCode(String accountId, MfaHolder holder, String code) {
    String serial =
        enabledDevice(accountId, holder)
            .orElseThrow(
                () -> new GatehouseException(ErrorCode.ACCESS_DENIED, MfaDevices.MFA_FAILED));
    return MfaFacts.present(devices.verify(accountId, holder, serial, code));
  }

  /** The IAM virtual-MFA actions, for the IAM action table. */
  public List<Operation<?, ?>> operations() {
    return List.of(
        new Operation<>(
            "CreateVirtualMFADevice",
            p ->
                new CreateInput(
                    required(p, "VirtualMFADeviceName"), p.get("Path").orElse("/"), tags(p)),
            (caller, in) ->
                tagging(Aim.of(new Target.Arn(serial(caller, in.path(), in.name()))), in.tags()),
            (caller, in) ->
                new CreatedWithTags(
                    devices.create(account(caller), in.path(), in.name(), in.tags()), in.tags()),
            (made, out) -> {
              MfaDevices.Created created = made.created();
              String serial = created.device().serialNumber();
              String label = serial.substring(serial.indexOf(":mfa/") + 5);
              byte[] png =
                  QrCode.encodeUri(
                          OtpAuthUri.build("Gatehouse", label, Base32.decode(created.seedBase32())))
                      .toPng(4);
              out.start("VirtualMFADevice")
                  .field("SerialNumber", serial)
                  .secret(
                      "Base32StringSeed",
                      Base64.getEncoder()
                          .encodeToString(created.seedBase32().getBytes(StandardCharsets.US_ASCII)))
                  .secret("QRCodePNG", Base64.getEncoder().encodeToString(png));
              // spec: CreateVirtualMFADevice, VirtualMFADevice.Tags: "A list of tags that are
              // attached to the virtual MFA device", present when the request gave some.
              if (!made.tags().isEmpty()) {
                out.startList("Tags");
                for (Tag t : made.tags()) {
                  out.member().field("Key", t.key()).field("Value", t.value()).end();
                }
                out.end();
              }
              out.end();
            }),
        new Operation<>(
            "GetMFADevice",
            p -> new UserDevice(p.get("UserName").orElse(""), required(p, "SerialNumber"), "", ""),
            (caller, in) -> aim(caller, self(caller, in.userName())),
            (caller, in) -> held(caller, in),
            (d, out) -> {
              // spec: GetMFADevice output: UserName, SerialNumber, EnableDate, Certifications
              // (FIDO certifications; a virtual device has none, so the map is left out).
              if (!d.userName().isEmpty()) {
                out.field("UserName", d.userName());
              }
              out.field("SerialNumber", d.serialNumber());
              d.enableDate().ifPresent(at -> out.field("EnableDate", at));
            }),
        command(
            "EnableMFADevice",
            MfaActions::userDevice,
            (caller, in) ->
                devices.enable(
                    account(caller), holder(caller, in), in.serial(), in.code1(), in.code2())),
        command(
            "ResyncMFADevice",
            MfaActions::userDevice,
            (caller, in) ->
                devices.resync(
                    account(caller), holder(caller, in), in.serial(), in.code1(), in.code2())),
        command(
            "DeactivateMFADevice",
            p -> new UserDevice(p.get("UserName").orElse(""), required(p, "SerialNumber"), "", ""),
            (caller, in) -> devices.deactivate(account(caller), holder(caller, in), in.serial())),
        new Operation<>(
            "DeleteVirtualMFADevice",
            p -> required(p, "SerialNumber"),
            (caller, serial) -> Aim.of(new Target.Arn(serial)),
            (caller, serial) -> {
              devices.delete(account(caller), serial);
              return Boolean.TRUE;
            },
            Operation.noResult()),
        new Operation<>(
            "ListMFADevices",
            p -> Listing.of(p.get("UserName").orElse(""), p),
            (caller, in) -> aim(caller, self(caller, in.filter())),
            (caller, in) -> {
              MfaHolder holder = self(caller, in.filter());
              if (holder instanceof MfaHolder.User u) {
                iam.users().getUser(account(caller), u.name());
              }
              List<MfaDevices.Device> out = new ArrayList<>();
              for (MfaDevices.Device d : devices.list(account(caller))) {
                if (d.heldBy(holder)) {
                  out.add(d);
                }
              }
              return Page.slice(out, MfaDevices.Device::serialNumber, in.page());
            },
            (page, out) -> {
              out.startList("MFADevices");
              for (MfaDevices.Device d : page.items()) {
                // The root user has no user name: its devices carry the account id (T16).
                out.member()
                    .field("UserName", d.userName().isEmpty() ? d.accountId() : d.userName())
                    .field("SerialNumber", d.serialNumber())
                    .field("EnableDate", d.enableDate().orElse(d.createDate()))
                    .end();
              }
              out.end();
              pageEnd(page, out);
            }),
        new Operation<>(
            "ListVirtualMFADevices",
            p -> Listing.of(p.get("AssignmentStatus").orElse("Any"), p),
            (caller, in) -> Aim.of(new Target.Any()),
            (caller, in) -> {
              String status = in.filter();
              List<MfaDevices.Device> out = new ArrayList<>();
              for (MfaDevices.Device d : devices.list(account(caller))) {
                boolean assigned = d.holder().isPresent();
                if (status.equals("Any")
                    || (status.equals("Assigned") && assigned)
                    || (status.equals("Unassigned") && !assigned)) {
                  out.add(d);
                }
              }
              return Page.slice(out, MfaDevices.Device::serialNumber, in.page());
            },
            this::encodeVirtual));
  }

  /**
   * GetMFADevice's device: in the caller's account and enabled for the user named (or the calling
   * IAM user or root user); NoSuchEntity otherwise, as for a device of someone else.
   */
  private MfaDevices.Device held(Caller caller, UserDevice in) {
    MfaHolder holder = self(caller, in.userName());
    if (holder instanceof MfaHolder.User u) {
      iam.users().getUser(account(caller), u.name());
    }
    for (MfaDevices.Device d : devices.list(account(caller))) {
      if (d.serialNumber().equalsIgnoreCase(in.serial()) && d.heldBy(holder)) {
        return d;
      }
    }
    String whom = holder instanceof MfaHolder.User u ? "user " + u.name() : "the root user";
    throw new GatehouseException(
        ErrorCode.NO_SUCH_ENTITY,
        "MFA Device with serial number " + in.serial() + " is not assigned to " + whom + ".");
  }

  /** {@code Tags.member.N.Key/Value}. */
  private static List<Tag> tags(QueryParameters p) {
    List<Tag> out = new ArrayList<>();
    for (java.util.Map<String, String> m : p.structures("Tags", "Key", "Value")) {
      if (!m.containsKey("Key")) {
        throw new GatehouseException(
            ErrorCode.MISSING_PARAMETER,
            "The request must contain the parameter Tags.member.N.Key");
      }
      out.add(new Tag(m.get("Key"), m.getOrDefault("Value", "")));
    }
    return out;
  }

  /** aws:RequestTag/KEY and aws:TagKeys for a request that sets tags. */
  private static Aim tagging(Aim aim, List<Tag> tags) {
    if (tags.isEmpty()) {
      return aim;
    }
    java.util.Map<String, List<String>> keys = new java.util.LinkedHashMap<>(aim.requestKeys());
    List<String> names = new ArrayList<>();
    for (Tag tag : tags) {
      keys.put("aws:RequestTag/" + tag.key(), List.of(tag.value()));
      names.add(tag.key());
    }
    keys.put("aws:TagKeys", names);
    return new Aim(aim.target(), keys, aim.also());
  }

  /** spec: IsTruncated, and Marker exactly when truncated (every paginated IAM list). */
  private static void pageEnd(Page<?> page, Shape out) {
    out.field("IsTruncated", page.isTruncated());
    page.marker().ifPresent(m -> out.field("Marker", m));
  }

  private void encodeVirtual(Page<MfaDevices.Device> page, Shape out) {
    out.startList("VirtualMFADevices");
    for (MfaDevices.Device d : page.items()) {
      Shape m = out.member().field("SerialNumber", d.serialNumber());
      if (d.holder().filter(MfaHolder.Root.class::isInstance).isPresent()) {
        // spec: ListVirtualMFADevices example, a device "assigned to the root account": its User
        // has the account id as UserId and the root ARN, no Path or UserName.
        m.start("User")
            .field("UserId", d.accountId())
            .field("Arn", new Principal.Root(d.accountId()).arn())
            .field("CreateDate", devices.accountCreated(d.accountId()))
            .end();
      } else if (!d.userName().isEmpty()) {
        try {
          User u = iam.users().getUser(d.accountId(), d.userName()).user();
          m.start("User")
              .field("Path", u.path())
              .field("UserName", u.name())
              .field("UserId", u.id())
              .field("Arn", u.arn())
              .field("CreateDate", u.createDate())
              .end();
        } catch (GatehouseException e) {
          // The user was deleted since: the device is listed without it.
        }
      }
      d.enableDate().ifPresent(at -> m.field("EnableDate", at));
      m.end();
    }
    out.end();
    pageEnd(page, out);
  }

  private static Operation<UserDevice, Boolean> command(
      String name,
      Operation.Decoder<UserDevice> decoder,
      java.util.function.BiConsumer<Caller, UserDevice> run) {
    return new Operation<>(
        name,
        decoder,
        (caller, in) -> aim(caller, holder(caller, in)),
        (caller, in) -> {
          run.accept(caller, in);
          return Boolean.TRUE;
        },
        Operation.noResult());
  }

  private static UserDevice userDevice(QueryParameters p) {
    return new UserDevice(
        p.get("UserName").orElse(""),
        required(p, "SerialNumber"),
        required(p, "AuthenticationCode1"),
        required(p, "AuthenticationCode2"));
  }

  /**
   * Whose device an Enable, Resync or Deactivate acts on: the user named, or the root user calling
   * without a name; anyone else must name the user, as AWS requires.
   */
  private static MfaHolder holder(Caller caller, UserDevice in) {
    if (!in.userName().isEmpty()) {
      return new MfaHolder.User(in.userName());
    }
    if (caller.principal() instanceof Principal.Root) {
      return new MfaHolder.Root();
    }
    throw new GatehouseException(
        ErrorCode.MISSING_PARAMETER, "The request must contain the parameter UserName");
  }

  /** ListMFADevices' subject: the user named, else the calling IAM user or root user. */
  private static MfaHolder self(Caller caller, String name) {
    if (!name.isEmpty()) {
      return new MfaHolder.User(name);
    }
    if (caller.principal() instanceof Principal.User u) {
      return new MfaHolder.User(u.userName());
    }
    if (caller.principal() instanceof Principal.Root) {
      return new MfaHolder.Root();
    }
    throw new GatehouseException(
        ErrorCode.VALIDATION_ERROR, "Must specify userName when calling with non-User credentials");
  }

  /** The resource authorized: the IAM user, or the root user's ARN. */
  private static Aim aim(Caller caller, MfaHolder holder) {
    if (holder instanceof MfaHolder.User u) {
      return Aim.of(new Target.Named("user", u.name(), "/"));
    }
    return Aim.of(new Target.Arn(new Principal.Root(account(caller)).arn()));
  }

  private static String serial(Caller caller, String path, String name) {
    return "arn:aws:iam::" + account(caller) + ":mfa" + path + name;
  }

  private static String account(Caller caller) {
    return caller.principal().accountId();
  }

  private static String required(QueryParameters p, String name) {
    return p.get(name)
        .filter(v -> !v.isEmpty())
        .orElseThrow(
            () ->
                new GatehouseException(
                    ErrorCode.MISSING_PARAMETER, "The request must contain the parameter " + name));
  }
}
