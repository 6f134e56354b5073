package dev.gatehouse.console;

import dev.gatehouse.api.InProcessCalls;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A bucket's objects by prefix: the common prefixes under {@code /} as folders, the prefix as
 * breadcrumbs, a page of keys at a time (ListObjectsV2's continuation token); uploading a file into
 * the prefix (streamed from the browser's form into PutObject, never held whole), downloading one
 * (GetObject, saved as an attachment) and deleting one. All as S3 requests of the actor.
 */
final class S3ObjectBrowser {
  private S3ObjectBrowser() {}

  /** Keys per page unless the address asks for fewer. */
  static final int PAGE = 100;

  static void register(Routes routes) {
    routes
        .get("/s3/buckets/{bucket}", S3ObjectBrowser::objects)
        .post("/s3/buckets/{bucket}/upload", S3ObjectBrowser::upload)
        .get("/s3/buckets/{bucket}/download", S3ObjectBrowser::download)
        .post("/s3/buckets/{bucket}/delete-object", S3ObjectBrowser::deleteObject);
  }

  /** The address of a bucket's listing at {@code prefix}. */
  static String at(String bucket, String prefix) {
    return "/console/s3/buckets/"
        + Visit.segment(bucket)
        + (prefix.isEmpty() ? "" : "?prefix=" + Visit.segment(prefix));
  }

  private static Reply objects(Visit v) {
    if (!v.console().calls().serves("s3")) {
      return S3Pages.notServed(v);
    }
    String bucket = v.request().pathParam("bucket");
    String prefix = v.request().param("prefix");
    String token = v.request().param("token");
    int max = PAGE;
    try {
      max = Math.max(1, Math.min(PAGE, Integer.parseInt(v.request().param("max"))));
    } catch (NumberFormatException e) {
      // the default page
    }
    List<Crumb> crumbs = crumbs(bucket, prefix);
    S3Calls.Listing listing;
    try {
      listing = S3Calls.list(v, bucket, prefix, token, max);
    } catch (InProcessCalls.Refused e) {
      return S3Pages.refused(v, bucket, crumbs, new Html(), e);
    }
    Html h = new Html();
    h.open("div", "class", "title-row");
    h.element("h1", bucket, "data-testid", "bucket-name");
    h.open("div", "class", "actions");
    h.link(
        "/console/s3/buckets/" + Visit.segment(bucket) + "/policy",
        "Bucket policy",
        "class",
        "button");
    Layout.postButton(
        v,
        h,
        "/console/s3/buckets/" + Visit.segment(bucket) + "/delete",
        "Delete bucket",
        "danger");
    h.close("div").close("div");
    h.element("p", prefix.isEmpty() ? "/" : prefix, "class", "hint", "data-testid", "prefix");
    Tables.open(h, "Objects", List.of("Name", "Size", "Last modified", ""));
    int rows = 0;
    for (String folder : listing.folders()) {
      Tables.row(
          h,
          List.of(
              new Html()
                  .link(
                      at(bucket, folder),
                      folder.substring(prefix.length()),
                      "data-testid",
                      "folder",
                      "class",
                      "folder"),
              Tables.text("Folder"),
              Tables.text(""),
              Tables.text("")));
      rows++;
    }
    for (S3Calls.Item o : listing.objects()) {
      Html actions = new Html();
      actions.open(
          "form",
          "method",
          "post",
          "action",
          "/console/s3/buckets/" + Visit.segment(bucket) + "/delete-object",
          "class",
          "inline");
      Layout.csrf(v, actions);
      Layout.hidden(actions, "key", o.key());
      Layout.hidden(actions, "prefix", prefix);
      actions.element(
          "button",
          "Delete",
          "type",
          "submit",
          "class",
          "danger",
          "aria-label",
          "Delete " + o.key());
      actions.close("form");
      Tables.row(
          h,
          List.of(
              new Html()
                  .link(
                      "/console/s3/buckets/"
                          + Visit.segment(bucket)
                          + "/download?key="
                          + Visit.segment(o.key()),
                      o.key().substring(prefix.length()),
                      "data-testid",
                      "object",
                      "download",
                      ""),
              Tables.text(o.size() + " B"),
              Tables.text(o.lastModified()),
              actions));
      rows++;
    }
    Tables.close(h, rows, 4, "No objects under this prefix.");
    if (listing.next().isPresent()) {
      h.open("p", "class", "pager")
          .link(
              at(bucket, prefix)
                  + (prefix.isEmpty() ? "?" : "&")
                  + "token="
                  + Visit.segment(listing.next().get())
                  + (max == PAGE ? "" : "&max=" + max),
              "Next page",
              "rel",
              "next",
              "data-testid",
              "next-page")
          .close("p");
    }
    h.open("section", "class", "card").element("h2", "Upload");
    h.open(
        "form",
        "method",
        "post",
        "action",
        "/console/s3/buckets/" + Visit.segment(bucket) + "/upload",
        "enctype",
        "multipart/form-data");
    Layout.csrf(v, h);
    Layout.hidden(h, "prefix", prefix);
    // The file is the form's last field: the console streams it straight into PutObject.
    h.open("div", "class", "field");
    h.element("label", "File", "for", "f-file");
    h.element("p", "Uploaded under " + (prefix.isEmpty() ? "/" : prefix) + ".", "class", "hint");
    h.empty("input", "type", "file", "id", "f-file", "name", "file", "required", "");
    h.close("div");
    Forms.submit(h, "Upload");
    h.close("form").close("section");
    return v.page(bucket, crumbs, h);
  }

  /** Bucket, then one crumb per folder of the prefix. */
  static List<Crumb> crumbs(String bucket, String prefix) {
    List<Crumb> more = new ArrayList<>();
    more.add(prefix.isEmpty() ? Crumb.here(bucket) : new Crumb(bucket, at(bucket, "")));
    int from = 0;
    for (int slash = prefix.indexOf('/'); slash >= 0; slash = prefix.indexOf('/', slash + 1)) {
      String folder = prefix.substring(from, slash + 1);
      boolean last = slash == prefix.length() - 1;
      more.add(
          last
              ? Crumb.here(folder)
              : new Crumb(folder, at(bucket, prefix.substring(0, slash + 1))));
      from = slash + 1;
    }
    if (from < prefix.length()) {
      more.add(Crumb.here(prefix.substring(from)));
    }
    return S3Pages.crumbs(more.toArray(new Crumb[0]));
  }

  private static Reply upload(Visit v) {
    String bucket = v.request().pathParam("bucket");
    String prefix = v.request().param("prefix");
    Optional<Multipart.Upload> upload = v.upload();
    if (upload.isEmpty() || upload.get().fileName().isEmpty()) {
      return v.failed(at(bucket, prefix), "Choose a file to upload.");
    }
    Multipart.Upload file = upload.get();
    String key = prefix + file.fileName();
    try {
      S3Calls.put(v, bucket, key, file.contentType(), file.length(), file.in());
    } catch (InProcessCalls.Refused e) {
      return v.failed(at(bucket, prefix), S3Pages.text(e));
    }
    return v.done(at(bucket, prefix), "Uploaded " + key + " (" + file.length() + " bytes).");
  }

  private static Reply download(Visit v) {
    String bucket = v.request().pathParam("bucket");
    String key = v.request().param("key");
    InProcessCalls.RestAnswer answer;
    try {
      answer = S3Calls.get(v, bucket, key);
    } catch (InProcessCalls.Refused e) {
      String prefix = key.contains("/") ? key.substring(0, key.lastIndexOf('/') + 1) : "";
      return S3Pages.refused(v, key, crumbs(bucket, prefix), new Html(), e);
    }
    String type = answer.header("Content-Type");
    return new Reply.Download(
        type.isEmpty() ? "application/octet-stream" : type,
        answer.length(),
        S3Calls.fileName(key),
        answer.body());
  }

  private static Reply deleteObject(Visit v) {
    String bucket = v.request().pathParam("bucket");
    String key = v.request().param("key");
    String prefix = v.request().param("prefix");
    try {
      S3Calls.deleteObject(v, bucket, key);
    } catch (InProcessCalls.Refused e) {
      return v.failed(at(bucket, prefix), S3Pages.text(e));
    }
    return v.done(at(bucket, prefix), "Deleted " + key + ".");
  }
}
