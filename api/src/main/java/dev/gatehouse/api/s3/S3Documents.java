package dev.gatehouse.api.s3;

import dev.gatehouse.core.domain.Tag;
import dev.gatehouse.core.s3.PublicAccessBlock;
import dev.gatehouse.core.s3.S3Error;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Element;

/** S3's small configuration documents, both ways: tag sets and Block Public Access. */
final class S3Documents {
  private S3Documents() {}

  /** {@code <Tagging><TagSet><Tag><Key/><Value/></Tag>...</TagSet></Tagging>}. */
  static List<Tag> tags(Element tagging) {
    List<Element> sets = S3Xml.children(tagging, "TagSet");
    if (sets.size() != 1) {
      throw S3Refusal.of(S3Error.MALFORMED_XML);
    }
    List<Tag> out = new ArrayList<>();
    for (Element tag : S3Xml.children(sets.get(0), "Tag")) {
      String key = S3Xml.text(tag, "Key").orElseThrow(() -> S3Refusal.of(S3Error.MALFORMED_XML));
      out.add(new Tag(key, S3Xml.text(tag, "Value").orElse("")));
    }
    return out;
  }

  static S3Xml.Writer tagging(Map<String, String> tags) {
    S3Xml.Writer xml = new S3Xml.Writer().root("Tagging").start("TagSet");
    tags.forEach((k, v) -> xml.start("Tag").field("Key", k).field("Value", v).end());
    return xml;
  }

  /** PublicAccessBlockConfiguration: each setting absent is false, as S3 reads it. */
  static PublicAccessBlock publicAccessBlock(Element config) {
    return new PublicAccessBlock(
        flag(config, "BlockPublicAcls"),
        flag(config, "IgnorePublicAcls"),
        flag(config, "BlockPublicPolicy"),
        flag(config, "RestrictPublicBuckets"));
  }

  static S3Xml.Writer publicAccessBlock(PublicAccessBlock block) {
    return new S3Xml.Writer()
        .root("PublicAccessBlockConfiguration")
        .field("BlockPublicAcls", block.blockPublicAcls())
        .field("IgnorePublicAcls", block.ignorePublicAcls())
        .field("BlockPublicPolicy", block.blockPublicPolicy())
        .field("RestrictPublicBuckets", block.restrictPublicBuckets());
  }

  private static boolean flag(Element config, String name) {
    String value = S3Xml.text(config, name).orElse("false").trim();
    if (!value.equals("true") && !value.equals("false")) {
      throw S3Refusal.of(S3Error.MALFORMED_XML, name + " must be true or false: " + value);
    }
    return value.equals("true");
  }
}
