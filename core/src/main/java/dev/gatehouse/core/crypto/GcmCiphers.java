package dev.gatehouse.core.crypto;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;

/**
 * One AES/GCM {@link Cipher} per thread: looking the transformation up ({@link Cipher#getInstance},
 * a provider search) costs more than sealing a small value, and every object read or written needed
 * two.
 *
 * <p>The caller must {@code init} the cipher (key and a fresh nonce: GCM must never see a key and
 * nonce pair twice) and finish with it ({@code doFinal}) before anything else runs on its thread
 * that could take the same cipher: take it right before {@code init}, never keep it across a read
 * of a stream or a callback, and never hand it to another thread.
 */
public final class GcmCiphers {
  private static final ThreadLocal<Cipher> CIPHERS = perThread();

  private GcmCiphers() {}

  /**
   * A separate cipher per thread, for a caller that alternates with {@link #get()}'s users under
   * other keys: a cipher keeps the AES schedule of the last key it was given only.
   */
  public static ThreadLocal<Cipher> perThread() {
    return ThreadLocal.withInitial(
        () -> {
          try {
            return Cipher.getInstance("AES/GCM/NoPadding");
          } catch (GeneralSecurityException e) {
            throw new CryptoException("AES-GCM is not available", e);
          }
        });
  }

  /** This thread's AES/GCM cipher, to be initialised before use. */
  public static Cipher get() {
    return CIPHERS.get();
  }
}
