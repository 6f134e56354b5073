import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Single-thread floors of the large-object path, in this JVM: MD5 (the ETag of a PutObject),
 * SHA-256 (a signed payload) and AES-GCM sealing and opening of one segment (the blob store's
 * encryption at rest), in MB/s of thread CPU time after a warm-up. Run: {@code java
 * bench/floors/CryptoFloors.java [SEGMENT_KIB...]} (default 64 and 1024).
 */
public final class CryptoFloors {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final long TOTAL = 512L << 20; // bytes per measurement

  interface Op {
    void run(long i) throws Exception;
  }

  public static void main(String[] args) throws Exception {
    int[] segments = args.length == 0 ? new int[] {64, 1024} : new int[args.length];
    for (int i = 0; i < args.length; i++) {
      segments[i] = Integer.parseInt(args[i]);
    }
    SecureRandom random = new SecureRandom();
    System.out.println("java " + System.getProperty("java.version") + ", one thread, MB/s of thread CPU");
    for (int kib : segments) {
      int size = kib * 1024;
      byte[] plain = new byte[size];
      random.nextBytes(plain);
      byte[] sealed = new byte[size + 16];
      byte[] opened = new byte[size];
      byte[] raw = new byte[32];
      random.nextBytes(raw);
      SecretKeySpec key = new SecretKeySpec(raw, "AES");
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      byte[] aad = "gatehouse/blob/v1/0123456789abcdef0123456789abcdef/0/more".getBytes();
      MessageDigest md5 = MessageDigest.getInstance("MD5");
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      Op md5Op = i -> md5.update(plain, 0, size);
      Op shaOp = i -> sha256.update(plain, 0, size);
      long[] counter = {0};
      Op seal =
          i -> {
            cipher.init(Cipher.ENCRYPT_MODE, key, nonce(counter[0]++));
            cipher.updateAAD(aad);
            cipher.doFinal(plain, 0, size, sealed, 0);
          };
      cipher.init(Cipher.ENCRYPT_MODE, key, nonce(0));
      cipher.updateAAD(aad);
      cipher.doFinal(plain, 0, size, sealed, 0);
      counter[0] = 1;
      byte[] reference = sealed.clone();
      Op open =
          i -> {
            cipher.init(Cipher.DECRYPT_MODE, key, nonce(0));
            cipher.updateAAD(aad);
            cipher.doFinal(reference, 0, size + 16, opened, 0);
          };
      Op copy = i -> System.arraycopy(plain, 0, opened, 0, size);
      for (int round = 0; round < 2; round++) { // first round warms up
        boolean print = round == 1;
        report(print, kib, "MD5", md5Op, size);
        report(print, kib, "SHA-256", shaOp, size);
        report(print, kib, "AES-GCM seal", seal, size);
        report(print, kib, "AES-GCM open", open, size);
        report(print, kib, "arraycopy", copy, size);
      }
    }
  }

  private static GCMParameterSpec nonce(long index) {
    return new GCMParameterSpec(128, ByteBuffer.allocate(12).putInt(0).putLong(index).array());
  }

  private static void report(boolean print, int kib, String name, Op op, int size) throws Exception {
    long n = TOTAL / size;
    long start = THREADS.getCurrentThreadCpuTime();
    for (long i = 0; i < n; i++) {
      op.run(i);
    }
    long ns = THREADS.getCurrentThreadCpuTime() - start;
    if (print) {
      System.out.printf("%-14s segment %5d KiB  %8.0f MB/s%n", name, kib, n * size * 1000.0 / ns);
    }
  }
}
