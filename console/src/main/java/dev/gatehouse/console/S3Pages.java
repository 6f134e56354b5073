package dev.gatehouse.console;

import dev.gatehouse.api.InProcessCalls;
import java.util.List;

/**
 * The S3 page: the buckets of the actor's account (ListBuckets), creating one (name and region,
 * S3's naming rules answered by S3 itself) and deleting one. Every action is an S3 request of the
 * actor through the same operations, authorizer and audit record as the wire API; a refusal shows
 * S3's code and message.
 */
final class S3Pages {
  private S3Pages() {}

  static final Crumb HOME = new Crumb("S3", "/console/s3");

  static void register(Routes routes) {
    routes
        .get("/s3", S3Pages::buckets)
        .post("/s3/create", S3Pages::create)
        .post("/s3/buckets/{bucket}/delete", S3Pages::delete);
  }

  /** The crumbs of a screen under the S3 page. */
  static List<Crumb> crumbs(Crumb... more) {
    java.util.ArrayList<Crumb> out = new java.util.ArrayList<>();
    out.add(new Crumb("Console", "/console"));
    out.add(HOME);
    out.addAll(List.of(more));
    return List.copyOf(out);
  }

  /** The page when this node does not serve S3 (nodes sharing PostgreSQL without a backend). */
  static Reply notServed(Visit v) {
    Html h = new Html();
    h.element("h1", "S3");
    h.element(
        "p",
        "This node does not serve S3: nodes that share a PostgreSQL store need an S3-compatible"
            + " backend (serve --s3-backend URL).",
        "data-testid",
        "s3-not-served");
    return new Reply.Page(503, Layout.page(v, "S3", crumbs(), h));
  }

  /** S3's refusal as the console's error banner, on the screen it happened on. */
  static Reply refused(Visit v, String title, List<Crumb> crumbs, Html before, RuntimeException e) {
    InProcessCalls.Refused r = (InProcessCalls.Refused) e;
    Html h = new Html();
    h.element("h1", title);
    h.add(before);
    ErrorPages.aws(h, r);
    return new Reply.Page(r.status(), Layout.page(v, title, crumbs, h));
  }

  /** The flash text of S3's refusal: its code, then its message. */
  static String text(InProcessCalls.Refused e) {
    return e.awsCode() + ": " + e.getMessage();
  }

  private static Reply buckets(Visit v) {
    if (!v.console().calls().serves("s3")) {
      return notServed(v);
    }
    List<S3Calls.Bucket> buckets;
    try {
      buckets = S3Calls.buckets(v);
    } catch (InProcessCalls.Refused e) {
      return refused(v, "Buckets", crumbs(), new Html(), e);
    }
    Html h = new Html();
    h.open("div", "class", "title-row");
    h.element("h1", "Buckets");
    h.close("div");
    Tables.open(h, "Buckets", List.of("Name", "Region", "Created"));
    for (S3Calls.Bucket b : buckets) {
      Tables.row(
          h,
          List.of(
              new Html()
                  .link(
                      "/console/s3/buckets/" + Visit.segment(b.name()),
                      b.name(),
                      "data-testid",
                      "bucket"),
              Tables.text(b.region()),
              Tables.text(b.created())));
    }
    Tables.close(h, buckets.size(), 3, "No buckets in this account.");
    h.open("section", "class", "card").element("h2", "Create bucket");
    Forms.open(v, h, "/console/s3/create");
    Forms.text(
        h,
        "bucket",
        "Bucket name",
        "",
        "3 to 63 characters: lower-case letters, digits, dots and hyphens; unique on this server.");
    Forms.text(h, "region", "Region", "us-east-1", "The bucket's region, for example eu-west-1.");
    Forms.submit(h, "Create bucket");
    Forms.close(h);
    h.close("section");
    return v.page("S3", crumbs(), h);
  }

  private static Reply create(Visit v) {
    String name = v.request().param("bucket").trim();
    String region = v.request().param("region").trim();
    try {
      S3Calls.createBucket(v, name, region);
    } catch (InProcessCalls.Refused e) {
      return v.failed("/console/s3", text(e));
    }
    return v.done("/console/s3/buckets/" + Visit.segment(name), "Bucket " + name + " created.");
  }

  private static Reply delete(Visit v) {
    String bucket = v.request().pathParam("bucket");
    try {
      S3Calls.deleteBucket(v, bucket);
    } catch (InProcessCalls.Refused e) {
      return v.failed("/console/s3/buckets/" + Visit.segment(bucket), text(e));
    }
    return v.done("/console/s3", "Bucket " + bucket + " deleted.");
  }
}
