package dev.gatehouse.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import org.junit.jupiter.api.Test;

/** The padding Jetty's queues get is the one Jetty would compute through the MBean server. */
class JettyCacheLineTest {
  @Test
  void referencesPerCacheLineAsJettyReadsItUnlessSet() throws Exception {
    String before = System.getProperty(HttpServer.REFERENCES_PER_CACHE_LINE);
    try {
      System.clearProperty(HttpServer.REFERENCES_PER_CACHE_LINE);
      HttpServer.referencesPerCacheLine();
      // Jetty's MemoryUtils: 64-byte lines, 4-byte references when compressed, else 8.
      CompositeData option =
          (CompositeData)
              ManagementFactory.getPlatformMBeanServer()
                  .invoke(
                      ObjectName.getInstance("com.sun.management:type=HotSpotDiagnostic"),
                      "getVMOption",
                      new Object[] {"UseCompressedOops"},
                      new String[] {String.class.getName()});
      int expected = Boolean.parseBoolean((String) option.get("value")) ? 16 : 8;
      assertThat(System.getProperty(HttpServer.REFERENCES_PER_CACHE_LINE))
          .isEqualTo(String.valueOf(expected));

      System.setProperty(HttpServer.REFERENCES_PER_CACHE_LINE, "3");
      HttpServer.referencesPerCacheLine();
      assertThat(System.getProperty(HttpServer.REFERENCES_PER_CACHE_LINE)).isEqualTo("3");
    } finally {
      if (before == null) {
        System.clearProperty(HttpServer.REFERENCES_PER_CACHE_LINE);
      } else {
        System.setProperty(HttpServer.REFERENCES_PER_CACHE_LINE, before);
      }
    }
  }
}
