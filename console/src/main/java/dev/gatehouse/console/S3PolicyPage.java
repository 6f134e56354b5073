package dev.gatehouse.console;

import dev.gatehouse.api.InProcessCalls;
import dev.gatehouse.policy.PolicyKind;
import java.util.List;
import java.util.Optional;

/**
 * A bucket's policy in the JSON editor: GetBucketPolicy fills it (empty for a bucket without one),
 * Validate runs the policy module's checks as a resource-based policy, Save runs them and then
 * PutBucketPolicy, whose own refusal (MalformedPolicy, AccessDenied...) is shown above the document
 * that was sent; Delete runs DeleteBucketPolicy.
 */
final class S3PolicyPage {
  private S3PolicyPage() {}

  static void register(Routes routes) {
    routes
        .get("/s3/buckets/{bucket}/policy", S3PolicyPage::show)
        .post("/s3/buckets/{bucket}/policy", S3PolicyPage::save)
        .post("/s3/buckets/{bucket}/policy/delete", S3PolicyPage::delete);
  }

  private static String path(String bucket) {
    return "/console/s3/buckets/" + Visit.segment(bucket) + "/policy";
  }

  private static List<Crumb> crumbs(String bucket) {
    return S3Pages.crumbs(
        new Crumb(bucket, S3ObjectBrowser.at(bucket, "")), Crumb.here("Bucket policy"));
  }

  private static Reply show(Visit v) {
    String bucket = v.request().pathParam("bucket");
    Optional<String> policy;
    try {
      policy = S3Calls.policy(v, bucket);
    } catch (InProcessCalls.Refused e) {
      return S3Pages.refused(v, "Bucket policy", crumbs(bucket), new Html(), e);
    }
    return page(
        v,
        bucket,
        policy.map(JsonEditor::pretty).orElse(""),
        policy.isPresent(),
        JsonEditor.none(),
        null);
  }

  private static Reply page(
      Visit v,
      String bucket,
      String document,
      boolean exists,
      JsonEditor.Findings findings,
      InProcessCalls.Refused error) {
    Html h = new Html();
    h.element("h1", "Bucket policy");
    h.element(
        "p",
        exists
            ? "The resource-based policy of " + bucket + "; it applies with the callers' own."
            : bucket + " has no bucket policy. Write one to grant access to the bucket.",
        "class",
        "lead",
        "data-testid",
        "policy-state");
    if (error != null) {
      ErrorPages.aws(h, error);
    }
    Forms.open(v, h, path(bucket), "data-testid", "policy-editor");
    JsonEditor.render(h, "document", "Bucket policy document", document, findings);
    PolicyPage.editorActions(h, "Save policy", S3ObjectBrowser.at(bucket, ""));
    Forms.close(h);
    if (exists) {
      Layout.postButton(v, h, path(bucket) + "/delete", "Delete policy", "danger");
    }
    return new Reply.Page(
        error == null ? 200 : error.status(), Layout.page(v, "Bucket policy", crumbs(bucket), h));
  }

  private static Reply save(Visit v) {
    String bucket = v.request().pathParam("bucket");
    String document = v.request().param("document");
    JsonEditor.Findings findings = JsonEditor.validate(document, PolicyKind.RESOURCE);
    if (!findings.valid() || v.request().param("step").equals("validate")) {
      return page(v, bucket, document, false, findings, null);
    }
    try {
      S3Calls.putPolicy(v, bucket, document);
    } catch (InProcessCalls.Refused e) {
      return page(v, bucket, document, false, findings, e);
    }
    return v.done(path(bucket), "Bucket policy of " + bucket + " saved.");
  }

  private static Reply delete(Visit v) {
    String bucket = v.request().pathParam("bucket");
    try {
      S3Calls.deletePolicy(v, bucket);
    } catch (InProcessCalls.Refused e) {
      return v.failed(path(bucket), S3Pages.text(e));
    }
    return v.done(path(bucket), "Bucket policy of " + bucket + " deleted.");
  }
}
