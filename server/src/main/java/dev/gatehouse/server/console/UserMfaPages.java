package dev.gatehouse.server.console;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.core.error.GatehouseException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * A user's MFA devices: the list on the Security credentials tab; assigning a virtual device
 * (CreateVirtualMFADevice shows the QR code and the Base32 secret once, then two consecutive codes
 * enable it with EnableMFADevice); removing one (DeactivateMFADevice, DeleteVirtualMFADevice). The
 * seed is on the one page that shows it and is never kept by the console.
 */
final class UserMfaPages {
  private UserMfaPages() {}

  static void register(Routes routes) {
    routes
        .get("/users/{name}/mfa", v -> nameForm(v, List.of()))
        .post("/users/{name}/mfa", UserMfaPages::create)
        .post("/users/{name}/mfa/enable", UserMfaPages::enable)
        .post("/users/{name}/mfa/cancel", UserMfaPages::cancel)
        .post("/users/{name}/mfa/remove", UserMfaPages::remove);
  }

  private static String base(String name) {
    return UserPages.path(name) + "/mfa";
  }

  /** The MFA section of the Security credentials tab. */
  static void section(Visit v, Html h, String name) {
    h.open("section", "class", "card", "data-testid", "mfa-devices");
    h.open("div", "class", "title-row").element("h2", "Multi-factor authentication (MFA)");
    h.link(base(name), "Assign MFA device", "class", "button");
    h.close("div");
    try {
      JsonNode devices = v.iam("ListMFADevices", Map.of("UserName", name)).path("mFADevices");
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
                    base(name) + "/remove",
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

  private static List<Crumb> crumbs(String name) {
    return UserTabs.crumbs(name, "Assign MFA device");
  }

  private static Reply nameForm(Visit v, List<String> errors) {
    String name = v.request().pathParam("name");
    String device = v.request().param("deviceName");
    Html h = new Html();
    h.element("h1", "Assign MFA device");
    Forms.errors(h, errors);
    Forms.open(v, h, base(name), "data-testid", "mfa-name");
    Forms.text(
        h,
        "deviceName",
        "Device name",
        device.isEmpty() ? name : device,
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
    return v.page("Assign MFA device", crumbs(name), h);
  }

  private static Reply create(Visit v) {
    String name = v.request().pathParam("name");
    String device = v.request().param("deviceName").trim();
    if (device.isEmpty()) {
      return nameForm(v, List.of("Enter a device name."));
    }
    JsonNode created;
    try {
      v.iam("GetUser", Map.of("UserName", name));
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
    codesForm(v, h, name, created.path("serialNumber").asText());
    return v.page("Set up the MFA device", crumbs(name), h);
  }

  private static void codesForm(Visit v, Html h, String name, String serial) {
    h.open("section", "class", "card");
    Forms.open(v, h, base(name) + "/enable", "data-testid", "mfa-codes");
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
            base(name) + "/cancel",
            "Cancel",
            "Cancel and discard the new MFA device",
            "",
            "serial",
            serial));
    h.close("section");
  }

  private static Reply enable(Visit v) {
    String name = v.request().pathParam("name");
    String serial = v.request().param("serial");
    try {
      v.iam(
          "EnableMFADevice",
          Map.of(
              "UserName",
              name,
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
      codesForm(v, h, name, serial);
      return new Reply.Page(
          e.code().httpStatus(), Layout.page(v, "Set up the MFA device", crumbs(name), h));
    }
    return v.done(
        UserCredentialsPage.path(name), "MFA device " + serial + " assigned to " + name + ".");
  }

  private static Reply cancel(Visit v) {
    String name = v.request().pathParam("name");
    String serial = v.request().param("serial");
    try {
      v.iam("DeleteVirtualMFADevice", Map.of("SerialNumber", serial));
    } catch (GatehouseException e) {
      return v.failed(UserCredentialsPage.path(name), Screens.error(e));
    }
    return v.done(UserCredentialsPage.path(name), "The new MFA device was discarded.");
  }

  private static Reply remove(Visit v) {
    String name = v.request().pathParam("name");
    String serial = v.request().param("serial");
    try {
      v.iam("DeactivateMFADevice", Map.of("UserName", name, "SerialNumber", serial));
      v.iam("DeleteVirtualMFADevice", Map.of("SerialNumber", serial));
    } catch (GatehouseException e) {
      return v.failed(UserCredentialsPage.path(name), Screens.error(e));
    }
    return v.done(UserCredentialsPage.path(name), "MFA device " + serial + " removed.");
  }
}
