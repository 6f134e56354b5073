package dev.gatehouse.core.iam;

import dev.gatehouse.core.error.GatehouseException;
import java.util.Objects;

/**
 * {@code Marker} and {@code MaxItems} of a List call. spec: MaxItems 1-1000 (default 100); Marker
 * 1-320 characters, opaque, taken from a previous response. {@code marker} is empty on the first
 * page.
 */
public record PageRequest(String marker, int maxItems) {
  public static final int DEFAULT_MAX_ITEMS = 100;
  public static final int MAX_MAX_ITEMS = 1000;

  public PageRequest {
    Objects.requireNonNull(marker, "marker");
    if (maxItems < 1) {
      throw Validation.error(
          "maxItems", Integer.toString(maxItems), "have value greater than or equal to 1");
    }
    if (maxItems > MAX_MAX_ITEMS) {
      throw Validation.error(
          "maxItems", Integer.toString(maxItems), "have value less than or equal to 1000");
    }
    if (marker.length() > 320) {
      throw Validation.error("marker", marker, "have length less than or equal to 320");
    }
  }

  /** The first page with the default size. */
  public static PageRequest first() {
    return new PageRequest("", DEFAULT_MAX_ITEMS);
  }

  /**
   * From raw Query parameters; either may be empty (absent).
   *
   * @throws GatehouseException ValidationError for a MaxItems out of range or not a number
   */
  public static PageRequest parse(String marker, String maxItems) {
    if (maxItems.isEmpty()) {
      return new PageRequest(marker, DEFAULT_MAX_ITEMS);
    }
    int n;
    try {
      n = Integer.parseInt(maxItems);
    } catch (NumberFormatException e) {
      throw GatehouseException.validation(
          "1 validation error detected: Value '"
              + maxItems
              + "' at 'maxItems' failed to satisfy constraint: Member must be an integer");
    }
    return new PageRequest(marker, n);
  }
}
