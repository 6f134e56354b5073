package dev.gatehouse.core.mfa;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A minimal PNG encoder for QR codes: 1-bit greyscale, no interlace, filter type 0 on every
 * scanline, one zlib IDAT chunk (PNG specification, W3C REC 2003, sections 5 and 11).
 */
final class PngWriter {

  private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

  private PngWriter() {}

  static byte[] write(QrCode qr, int scale, int border) {
    if (scale < 1 || scale > 64 || border < 0 || border > 16) {
      throw new IllegalArgumentException("scale must be 1-64 and border 0-16");
    }
    int pixels = (qr.size() + 2 * border) * scale;
    int rowBytes = (pixels + 7) / 8;
    byte[] raw = new byte[(rowBytes + 1) * pixels];
    for (int py = 0; py < pixels; py++) {
      int rowStart = py * (rowBytes + 1);
      raw[rowStart] = 0; // filter: none
      int y = py / scale - border;
      for (int px = 0; px < pixels; px++) {
        int x = px / scale - border;
        boolean darkModule = x >= 0 && y >= 0 && x < qr.size() && y < qr.size() && qr.isDark(x, y);
        if (!darkModule) { // greyscale 1 bit: 1 is white
          raw[rowStart + 1 + (px >>> 3)] |= (byte) (0x80 >>> (px & 7));
        }
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(SIGNATURE, 0, SIGNATURE.length);
    byte[] header = new byte[13];
    putInt(header, 0, pixels);
    putInt(header, 4, pixels);
    header[8] = 1; // bit depth
    header[9] = 0; // colour type: greyscale
    chunk(out, "IHDR", header);
    chunk(out, "IDAT", deflate(raw));
    chunk(out, "IEND", new byte[0]);
    return out.toByteArray();
  }

  private static byte[] deflate(byte[] data) {
    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
    try {
      deflater.setInput(data);
      deflater.finish();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      while (!deflater.finished()) {
        out.write(buffer, 0, deflater.deflate(buffer));
      }
      return out.toByteArray();
    } finally {
      deflater.end();
    }
  }

  private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
    byte[] length = new byte[4];
    putInt(length, 0, data.length);
    out.write(length, 0, 4);
    byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
    out.write(typeBytes, 0, 4);
    out.write(data, 0, data.length);
    CRC32 crc = new CRC32();
    crc.update(typeBytes);
    crc.update(data);
    byte[] crcBytes = new byte[4];
    putInt(crcBytes, 0, (int) crc.getValue());
    out.write(crcBytes, 0, 4);
  }

  private static void putInt(byte[] b, int at, int v) {
    b[at] = (byte) (v >>> 24);
    b[at + 1] = (byte) (v >>> 16);
    b[at + 2] = (byte) (v >>> 8);
    b[at + 3] = (byte) v;
  }
}
