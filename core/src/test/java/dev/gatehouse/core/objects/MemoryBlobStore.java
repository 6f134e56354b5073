package dev.gatehouse.core.objects;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** A {@link BlobStore} in memory, for tests of the rules in {@link CatalogObjectStore}. */
public final class MemoryBlobStore implements BlobStore {
  private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();

  @Override
  public String write(InputStream body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      body.transferTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String id = "m" + ids.incrementAndGet();
    blobs.put(id, out.toByteArray());
    return id;
  }

  /** Keeps the bytes as they are (the memory store encrypts nothing), under a fresh id. */
  @Override
  public BlobRef seal(InputStream body, long length) {
    try {
      return new BlobRef(
          "i" + ids.incrementAndGet(), length, new BlobRef.Inline(body.readAllBytes()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public InputStream read(BlobRef inline, long offset, long length) {
    return new ByteArrayInputStream(inline.inline().sealed(), (int) offset, (int) length);
  }

  @Override
  public InputStream read(String id, long offset, long length) {
    byte[] b = blobs.get(id);
    if (b == null) {
      throw ObjectStoreException.internal("no blob " + id, null);
    }
    return new ByteArrayInputStream(b, (int) offset, (int) length);
  }

  @Override
  public void delete(String id) {
    blobs.remove(id);
  }

  @Override
  public List<String> ids() {
    return List.copyOf(blobs.keySet());
  }

  /** A blob written but never catalogued, as a crash between the two steps leaves. */
  public String orphan(byte[] bytes) {
    String id = "o" + ids.incrementAndGet();
    blobs.put(id, bytes.clone());
    return id;
  }
}
