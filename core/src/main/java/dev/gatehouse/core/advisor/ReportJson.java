package dev.gatehouse.core.advisor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.core.advisor.AccessReport.EntityUse;
import dev.gatehouse.core.advisor.AccessReport.ServiceLastAccessed;
import dev.gatehouse.core.advisor.AccessReport.TrackedAction;
import dev.gatehouse.core.advisor.AccessReport.Use;
import dev.gatehouse.core.domain.IamJob;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A report as the content of its job ({@link IamJob#content}): JSON, so that every node answers
 * with the report the generating node built.
 */
final class ReportJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ReportJson() {}

  static String write(AccessReport report) {
    ObjectNode root = JSON.createObjectNode();
    root.put("arn", report.arn()).put("granularity", report.granularity());
    ArrayNode services = root.putArray("services");
    for (ServiceLastAccessed s : report.services()) {
      ObjectNode n = services.addObject();
      n.put("name", s.serviceName()).put("namespace", s.serviceNamespace());
      s.lastUse().ifPresent(u -> use(n.putObject("last"), u));
      n.put("total", s.totalAuthenticatedEntities());
      if (s.trackedActions().isPresent()) {
        ArrayNode tracked = n.putArray("tracked");
        for (TrackedAction a : s.trackedActions().get()) {
          ObjectNode t = tracked.addObject().put("action", a.actionName());
          a.lastUse().ifPresent(u -> use(t.putObject("last"), u));
        }
      }
      ArrayNode entities = n.putArray("entities");
      for (EntityUse e : s.entities()) {
        ObjectNode en =
            entities
                .addObject()
                .put("arn", e.arn())
                .put("name", e.name())
                .put("type", e.type())
                .put("id", e.id())
                .put("path", e.path());
        e.lastAuthenticated().ifPresent(at -> en.put("at", at.toEpochMilli()));
      }
    }
    return root.toString();
  }

  private static void use(ObjectNode n, Use u) {
    n.put("at", u.at().toEpochMilli()).put("entity", u.entityArn()).put("region", u.region());
  }

  static AccessReport read(IamJob job) {
    JsonNode root;
    try {
      root = JSON.readTree(job.content());
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
    List<ServiceLastAccessed> services = new ArrayList<>();
    for (JsonNode n : root.get("services")) {
      Optional<List<TrackedAction>> tracked = Optional.empty();
      if (n.has("tracked")) {
        List<TrackedAction> actions = new ArrayList<>();
        for (JsonNode t : n.get("tracked")) {
          actions.add(new TrackedAction(t.get("action").asText(), use(t)));
        }
        tracked = Optional.of(actions);
      }
      List<EntityUse> entities = new ArrayList<>();
      for (JsonNode e : n.get("entities")) {
        entities.add(
            new EntityUse(
                e.get("arn").asText(),
                e.get("name").asText(),
                e.get("type").asText(),
                e.get("id").asText(),
                e.get("path").asText(),
                e.has("at")
                    ? Optional.of(Instant.ofEpochMilli(e.get("at").asLong()))
                    : Optional.empty()));
      }
      services.add(
          new ServiceLastAccessed(
              n.get("name").asText(),
              n.get("namespace").asText(),
              use(n),
              n.get("total").asInt(),
              tracked,
              entities));
    }
    return new AccessReport(
        job.jobId(),
        root.get("arn").asText(),
        root.get("granularity").asText(),
        job.createDate(),
        job.completionDate().orElse(job.createDate()),
        services);
  }

  private static Optional<Use> use(JsonNode holder) {
    JsonNode u = holder.get("last");
    if (u == null) {
      return Optional.empty();
    }
    return Optional.of(
        new Use(
            Instant.ofEpochMilli(u.get("at").asLong()),
            u.get("entity").asText(),
            u.get("region").asText()));
  }
}
