package dev.gatehouse.console;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.core.error.GatehouseException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * MFA devices of an IAM user (its Security credentials tab) or of the root user (the root user's
 * Security credentials page, {@link RootCredentialsPage}): the list; assigning a virtual device
 * (CreateVirtualMFADevice shows the QR code and the Base32 secret once, then two consecutive codes
 * enable it with EnableMFADevice); removing one (DeactivateMFADevice, DeleteVirtualMFADevice). The
 * root user's calls name no UserName, so they act on the root user itself. The seed is on the one
 * page that shows it and is never kept by the console.
 */
final class MfaPages {
  private MfaPages() {}

  /** The device name the root user's form suggests, as AWS's console used to name it. */
  static final String ROOT_DEVICE_NAME = "root-account-mfa-device";

  static void register(Routes routes) {
    for (String base : List.of("/users/{name}/mfa", RootCredentialsPage.SUBPATH + "/mfa")) {
      routes
          .get(base, v -> nameForm(v, List.of()))
          .post(base, MfaPages::create)
          .post(base + "/enable", MfaPages::enable)
          .post(base + "/cancel", MfaPages::cancel)
          .post(base + "/remove", MfaPages::remove);
    }
  }

  /**
   * Whose devices a page manages.
   *
   * @param base the console path of its MFA pages
   * @param back the page listing its devices
   * @param userName the UserName parameter of its API calls (none for the root user)
   * @param whom how messages name it
   */
  record Holder(
      String base,
      String back,
      List<Crumb> crumbs,
      Map<String, String> userName,
      String whom,
      String suggestedName) {

    static Holder user(String name) {
      return new Holder(
          UserPages.path(name) + "/mfa",
          UserCredentialsPage.path(name),
          UserPages.crumbs(name),
          Map.of("UserName", name),
          name,
          name);
    }

    static Holder root() {
      return new Holder(
          RootCredentialsPage.PATH + "/mfa",
          RootCredentialsPage.PATH,
          RootCredentialsPage.CRUMBS,
          Map.of(),
          "the root user",
          ROOT_DEVICE_NAME);
    }

    List<Crumb> crumbs(String here) {
      return Screens.with(crumbs, here);
    }

    /** The API parameters naming it, plus {@code more} (name/value pairs). */
    Map<String, String> params(String... more) {
      Map<String, String> out = new HashMap<>(userName);
      for (int i = 0; i + 1 < more.length; i += 2) {
        out.put(more[i], more[i + 1]);
      }
      return out;
    }
  }

  /** The holder of a request's pages; the root user's only for the root user acting as itself. */
  private static Holder holder(Visit v) {
    if (v.request().pathParams().containsKey("name")) {
      return Holder.user(v.request().pathParam("name"));
    }
    return Holder.root();
  }

  private static boolean allowed(Visit v) {
    return v.request().pathParams().containsKey("name") || RootCredentialsPage.isRoot(v);
  }

  /** The MFA section of a Security credentials page. */
  static void section(Visit v, Html h, Holder holder) {
    h.open("section", "class", "card", "data-testid", "mfa-devices");
    h.open("div", "class", "title-row").element("h2", "Multi-factor authentication (MFA)");
    h.link(holder.base(), "Assign MFA device", "class", "button");
    h.close("div");
    try {
      JsonNode devices = v.iam("ListMFADevices", holder.params()).path("mFADevices");
      Tables.open(h, "MFA devices", List.of("Identifier", "Assigned", ""));
      for (JsonNode d : devices) {
        String serial = d.path("serialNumber").asText();
        Tables.row(
            h,
            List.of(
                new Html().element("code", serial, "data-testid", "mfa-serial"),
                Tables.text(d.path("enableDate").asText()),
                Screens.button(
                    v,
                    holder.base() + "/remove",
                    "Remove",
                    "Remove MFA device " + serial,
                    "",
                    "serial",
                    serial)));
      }
      Tables.close(h, devices.size(), 3, "No MFA device assigned.");
    } catch (GatehouseException e) {
      ErrorPages.aws(h, e);
    }
    h.close("section");
  }

  private static Reply nameForm(Visit v, List<String> errors) {
    if (!allowed(v)) {
      return RootCredentialsPage.rootOnly();
    }
    Holder holder = holder(v);
    String device = v.request().param("deviceName");
    Html h = new Html();
    h.element("h1", "Assign MFA device");
    Forms.errors(h, errors);
    Forms.open(v, h, holder.base(), "data-testid", "mfa-name");
    Forms.text(
        h,
        "deviceName",
        "Device name",
        device.isEmpty() ? holder.suggestedName() : device,
        "The name in the device's ARN: arn:aws:iam::ACCOUNT:mfa/NAME.",
        "required",
        "");
    h.element(
        "p",
        "Next, scan a QR code with an authenticator app (or type its secret) and enter two"
            + " consecutive codes.",
        "class",
        "hint");
    Forms.submit(h, "Next");
    Forms.close(h);
    return v.page("Assign MFA device", holder.crumbs("Assign MFA device"), h);
  }

  private static Reply create(Visit v) {
    if (!allowed(v)) {
      return RootCredentialsPage.rootOnly();
    }
    Holder holder = holder(v);
    String device = v.request().param("deviceName").trim();
    if (device.isEmpty()) {
      return nameForm(v, List.of("Enter a device name."));
    }
    JsonNode created;
    try {
      if (!holder.userName().isEmpty()) {
        v.iam("GetUser", holder.params());
      }
      created =
          v.iam("CreateVirtualMFADevice", Map.of("VirtualMFADeviceName", device))
              .path("virtualMFADevice");
    } catch (GatehouseException e) {
      return nameForm(v, List.of(Screens.error(e)));
    }
    String seed =
        new String(
            Base64.getDecoder().decode(created.path("base32StringSeed").asText()),
            StandardCharsets.US_ASCII);
    Html h = new Html();
    h.element("h1", "Set up the MFA device");
    h.open("section", "class", "card", "data-testid", "mfa-setup");
    h.element(
        "p",
        "Scan the QR code with an authenticator app, or enter the secret key by hand. They are"
            + " shown on this page only.");
    h.empty(
        "img",
        "src",
        "data:image/png;base64," + created.path("qRCodePNG").asText(),
        "alt",
        "QR code of the MFA device's secret for an authenticator app",
        "data-testid",
        "mfa-qr",
        "class",
        "qr");
    h.open("dl", "class", "facts");
    h.element("dt", "Secret key (Base32)")
        .open("dd")
        .element("code", seed, "data-testid", "mfa-secret")
        .close("dd");
    h.close("dl");
    h.close("section");
    codesForm(v, h, holder, created.path("serialNumber").asText());
    return v.page("Set up the MFA device", holder.crumbs("Assign MFA device"), h);
  }

  private static void codesForm(Visit v, Html h, Holder holder, String serial) {
    h.open("section", "class", "card");
    Forms.open(v, h, holder.base() + "/enable", "data-testid", "mfa-codes");
    Layout.hidden(h, "serial", serial);
    Forms.text(
        h,
        "code1",
        "MFA code 1",
        "",
        "The code the app shows now.",
        "inputmode",
        "numeric",
        "autocomplete",
        "one-time-code",
        "required",
        "");
    Forms.text(
        h,
        "code2",
        "MFA code 2",
        "",
        "The next code, after the first one changes.",
        "inputmode",
        "numeric",
        "autocomplete",
        "one-time-code",
        "required",
        "");
    h.open("div", "class", "actions");
    Forms.submit(h, "Add MFA");
    h.close("div");
    Forms.close(h);
    h.add(
        Screens.button(
            v,
            holder.base() + "/cancel",
            "Cancel",
            "Cancel and discard the new MFA device",
            "",
            "serial",
            serial));
    h.close("section");
  }

  private static Reply enable(Visit v) {
    if (!allowed(v)) {
      return RootCredentialsPage.rootOnly();
    }
    Holder holder = holder(v);
    String serial = v.request().param("serial");
    try {
      v.iam(
          "EnableMFADevice",
          holder.params(
              "SerialNumber",
              serial,
              "AuthenticationCode1",
              v.request().param("code1").trim(),
              "AuthenticationCode2",
              v.request().param("code2").trim()));
    } catch (GatehouseException e) {
      // The secret is not shown again: the app already holds it; new codes are asked for.
      Html h = new Html();
      h.element("h1", "Set up the MFA device");
      ErrorPages.aws(h, e);
      h.element(
          "p",
          "Enter two new consecutive codes from the app that holds this device's secret, or"
              + " cancel and start again.");
      codesForm(v, h, holder, serial);
      return new Reply.Page(
          e.code().httpStatus(),
          Layout.page(v, "Set up the MFA device", holder.crumbs("Assign MFA device"), h));
    }
    return v.done(holder.back(), "MFA device " + serial + " assigned to " + holder.whom() + ".");
  }

  private static Reply cancel(Visit v) {
    if (!allowed(v)) {
      return RootCredentialsPage.rootOnly();
    }
    Holder holder = holder(v);
    String serial = v.request().param("serial");
    try {
      v.iam("DeleteVirtualMFADevice", Map.of("SerialNumber", serial));
    } catch (GatehouseException e) {
      return v.failed(holder.back(), Screens.error(e));
    }
    return v.done(holder.back(), "The new MFA device was discarded.");
  }

  private static Reply remove(Visit v) {
    if (!allowed(v)) {
      return RootCredentialsPage.rootOnly();
    }
    Holder holder = holder(v);
    String serial = v.request().param("serial");
    try {
      v.iam("DeactivateMFADevice", holder.params("SerialNumber", serial));
      v.iam("DeleteVirtualMFADevice", Map.of("SerialNumber", serial));
    } catch (GatehouseException e) {
      return v.failed(holder.back(), Screens.error(e));
    }
    return v.done(holder.back(), "MFA device " + serial + " removed.");
  }
}
