package dev.gatehouse.api.s3;

import dev.gatehouse.api.Operation;
import dev.gatehouse.api.Shape;
import java.util.Objects;

/**
 * An S3 operation's result on its way through the pipeline: the reply it answers with. S3's data
 * events record no response elements beyond what CloudTrail shows for them, so nothing is written
 * into the record.
 */
record S3Result(S3Reply reply) implements Operation.Result {
  S3Result {
    Objects.requireNonNull(reply);
  }

  @Override
  public void writeTo(Shape out) {
    // CloudTrail's S3 data events carry no response elements Gatehouse keeps.
  }
}
