package com.fourrunr.campaign.csv;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;

/**
 * The UTF-8 bytes of a {@link Reader}'s text, so text already decoded goes through the same
 * byte-level CSV reader as a file. An unpaired surrogate becomes the byte {@code 0xFF}, which is
 * never valid UTF-8, so the record holding it is reported as not valid text rather than silently
 * changed.
 */
final class Utf8EncodingStream extends InputStream {
  private final Reader reader;
  private final char[] chars = new char[8192];
  private final byte[] bytes = new byte[chars.length * 3 + 4];
  private int charCount;
  private int charPos;
  private int byteCount;
  private int bytePos;
  private boolean eof;
  private int pushedBack = -1;

  Utf8EncodingStream(Reader reader) {
    this.reader = reader;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    while (bytePos == byteCount) {
      if (!encodeMore()) {
        return -1;
      }
    }
    int n = Math.min(len, byteCount - bytePos);
    System.arraycopy(bytes, bytePos, b, off, n);
    bytePos += n;
    return n;
  }

  /** Encodes the next chars of the reader; false at its end. */
  private boolean encodeMore() throws IOException {
    if (charPos == charCount) {
      if (eof && pushedBack < 0) {
        return false;
      }
      int start = 0;
      if (pushedBack >= 0) {
        chars[start++] = (char) pushedBack;
        pushedBack = -1;
      }
      int n = eof ? -1 : reader.read(chars, start, chars.length - start);
      if (n < 0) {
        eof = true;
        if (start == 0) {
          return false;
        }
        n = 0;
      }
      charCount = start + n;
      charPos = 0;
    }
    bytePos = 0;
    byteCount = 0;
    while (charPos < charCount) {
      char c = chars[charPos++];
      if (c < 0x80) {
        bytes[byteCount++] = (byte) c;
      } else if (c < 0x800) {
        bytes[byteCount++] = (byte) (0xC0 | (c >> 6));
        bytes[byteCount++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isHighSurrogate(c)) {
        int low = -1;
        if (charPos < charCount) {
          low = chars[charPos];
        } else if (!eof) {
          low = reader.read();
          if (low < 0) {
            eof = true;
          } else if (!Character.isLowSurrogate((char) low)) {
            pushedBack = low;
          }
        }
        if (low >= 0 && Character.isLowSurrogate((char) low)) {
          if (charPos < charCount) {
            charPos++;
          }
          int cp = Character.toCodePoint(c, (char) low);
          bytes[byteCount++] = (byte) (0xF0 | (cp >> 18));
          bytes[byteCount++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
          bytes[byteCount++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
          bytes[byteCount++] = (byte) (0x80 | (cp & 0x3F));
        } else {
          bytes[byteCount++] = (byte) 0xFF;
        }
      } else if (Character.isLowSurrogate(c)) {
        bytes[byteCount++] = (byte) 0xFF;
      } else {
        bytes[byteCount++] = (byte) (0xE0 | (c >> 12));
        bytes[byteCount++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        bytes[byteCount++] = (byte) (0x80 | (c & 0x3F));
      }
    }
    return true;
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
