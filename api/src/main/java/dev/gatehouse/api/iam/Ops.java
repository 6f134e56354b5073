package dev.gatehouse.api.iam;

import dev.gatehouse.api.Caller;
import dev.gatehouse.api.Operation;
import dev.gatehouse.api.Operation.Aim;
import dev.gatehouse.api.QueryParameters;
import dev.gatehouse.api.Shape;
import dev.gatehouse.core.authz.Principal;
import dev.gatehouse.core.authz.Target;
import dev.gatehouse.core.domain.Tag;
import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import dev.gatehouse.core.iam.KeyHolder;
import dev.gatehouse.core.iam.Page;
import dev.gatehouse.core.iam.PageRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/** The small vocabulary the IAM action tables are written in. */
final class Ops {
  private Ops() {}

  static <I, O> Operation<I, O> op(
      String name,
      Operation.Decoder<I> decoder,
      Operation.Targeting<I> targeting,
      Operation.Handler<I, O> handler,
      Operation.Encoder<O> encoder) {
    return new Operation<>(name, decoder, targeting, handler, encoder);
  }

  /** An action without output. */
  static <I> Operation<I, Boolean> command(
      String name,
      Operation.Decoder<I> decoder,
      Operation.Targeting<I> targeting,
      BiConsumer<Caller, I> run) {
    return new Operation<>(
        name,
        decoder,
        targeting,
        (caller, input) -> {
          run.accept(caller, input);
          return Boolean.TRUE;
        },
        Operation.noResult());
  }

  static String account(Caller caller) {
    return caller.principal().accountId();
  }

  static String opt(QueryParameters p, String name) {
    return p.get(name).orElse("");
  }

  static Aim user(String name) {
    return Aim.of(new Target.Named("user", name, "/"));
  }

  /** An entity about to be created: its ARN carries the requested path. */
  static Aim created(String type, String name, String path) {
    return Aim.of(new Target.Named(type, name, path.isEmpty() ? "/" : path));
  }

  static Aim group(String name) {
    return Aim.of(new Target.Named("group", name, "/"));
  }

  static Aim role(String name) {
    return Aim.of(new Target.Named("role", name, "/"));
  }

  static Aim instanceProfile(String name) {
    return Aim.of(new Target.Named("instance-profile", name, "/"));
  }

  static Aim arn(String arn) {
    return Aim.of(new Target.Arn(arn));
  }

  /**
   * The resource AWS authorizes list actions against: the path prefix under the entity type, e.g.
   * {@code arn:aws:iam::123456789012:user/} for ListUsers (as AWS's AccessDenied messages show).
   */
  static Aim listing(Caller caller, String type, String pathPrefix) {
    String prefix = pathPrefix.isEmpty() ? "/" : pathPrefix;
    return arn("arn:aws:iam::" + account(caller) + ":" + type + prefix);
  }

  static Aim any() {
    return Aim.of(new Target.Any());
  }

  /** The aim with one more request condition key. */
  static Aim with(Aim aim, String key, List<String> values) {
    Map<String, List<String>> keys = new LinkedHashMap<>(aim.requestKeys());
    keys.put(key, values);
    return new Aim(aim.target(), keys, aim.also());
  }

  /**
   * aws:RequestTag/KEY and aws:TagKeys for a request that sets tags (spec: IAM User Guide,
   * "Controlling access to and for IAM users and roles using tags").
   */
  static Aim tagging(Aim aim, List<Tag> tags) {
    if (tags.isEmpty()) {
      return aim;
    }
    Map<String, List<String>> keys = new LinkedHashMap<>(aim.requestKeys());
    List<String> names = new ArrayList<>();
    for (Tag tag : tags) {
      keys.put("aws:RequestTag/" + tag.key(), List.of(tag.value()));
      names.add(tag.key());
    }
    keys.put("aws:TagKeys", names);
    return new Aim(aim.target(), keys, aim.also());
  }

  static Aim boundary(Aim aim, String boundaryArn) {
    return boundaryArn.isEmpty() ? aim : with(aim, "iam:PermissionsBoundary", List.of(boundaryArn));
  }

  /** {@code Tags.member.N.Key/Value}. */
  static List<Tag> tags(QueryParameters p) {
    List<Tag> out = new ArrayList<>();
    for (Map<String, String> m : p.structures("Tags", "Key", "Value")) {
      if (!m.containsKey("Key")) {
        throw new GatehouseException(
            ErrorCode.MISSING_PARAMETER,
            "The request must contain the parameter Tags.member.N.Key");
      }
      out.add(new Tag(m.get("Key"), m.getOrDefault("Value", "")));
    }
    return out;
  }

  static PageRequest page(QueryParameters p) {
    return PageRequest.parse(opt(p, "Marker"), opt(p, "MaxItems"));
  }

  /**
   * Access-key actions name the user, or act on the signer itself (spec: CreateAccessKey, "If you
   * do not specify a user name, IAM determines the user name implicitly based on the Amazon Web
   * Services access key ID signing the request").
   */
  static KeyHolder holder(Caller caller, String userName) {
    if (!userName.isEmpty()) {
      return KeyHolder.user(userName);
    }
    return caller.principal() instanceof Principal.User u
        ? KeyHolder.user(u.userName())
        : KeyHolder.root();
  }

  static Aim holderAim(Caller caller, String userName) {
    KeyHolder h = holder(caller, userName);
    return h instanceof KeyHolder.Named n ? user(n.userName()) : arn(caller.principal().arn());
  }

  /** {@code <Name><member>..</member></Name>}, IsTruncated and Marker. */
  static <T> void list(Shape out, String name, Page<T> page, Operation.Encoder<T> member) {
    out.startList(name);
    for (T item : page.items()) {
      member.encode(item, out);
    }
    out.end();
    IamShapes.page(out, page.marker());
  }
}
