package dev.gatehouse.api.iam;

import static dev.gatehouse.api.iam.Ops.account;
import static dev.gatehouse.api.iam.Ops.arn;
import static dev.gatehouse.api.iam.Ops.command;
import static dev.gatehouse.api.iam.Ops.list;
import static dev.gatehouse.api.iam.Ops.op;
import static dev.gatehouse.api.iam.Ops.page;
import static dev.gatehouse.api.iam.Ops.tagging;
import static dev.gatehouse.api.iam.Ops.tags;
import static dev.gatehouse.api.iam.Ops.with;

import dev.gatehouse.api.Operation;
import dev.gatehouse.api.iam.UserAndGroupActions.NamedPage;
import dev.gatehouse.api.iam.UserAndGroupActions.Tagging;
import dev.gatehouse.api.iam.UserAndGroupActions.Untagging;
import dev.gatehouse.core.iam.IamServices;
import dev.gatehouse.core.iam.MfaDeviceTags;
import java.util.List;

/**
 * Tags of virtual MFA devices. spec: IAM API Reference, TagMFADevice, UntagMFADevice,
 * ListMFADeviceTags; each names the device by SerialNumber and is authorized against the device's
 * ARN (its serial number), with aws:RequestTag and aws:TagKeys as for other tagging.
 */
final class MfaTagActions {
  private MfaTagActions() {}

  static List<Operation<?, ?>> table(IamServices iam) {
    MfaDeviceTags devices = iam.mfaDeviceTags();
    return List.of(
        command(
            "TagMFADevice",
            p -> new Tagging(p.required("SerialNumber"), tags(p)),
            (c, in) -> tagging(arn(in.name()), in.tags()),
            (c, in) -> devices.tag(account(c), in.name(), in.tags())),
        command(
            "UntagMFADevice",
            p -> new Untagging(p.required("SerialNumber"), p.list("TagKeys")),
            (c, in) -> with(arn(in.name()), "aws:TagKeys", in.keys()),
            (c, in) -> devices.untag(account(c), in.name(), in.keys())),
        op(
            "ListMFADeviceTags",
            p -> new NamedPage(p.required("SerialNumber"), page(p)),
            (c, in) -> arn(in.name()),
            (c, in) -> devices.list(account(c), in.name(), in.page()),
            (out, s) -> list(s, "Tags", out, UserAndGroupActions::tag)));
  }
}
