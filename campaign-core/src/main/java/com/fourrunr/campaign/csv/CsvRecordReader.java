package com.fourrunr.campaign.csv;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Splits UTF-8 CSV bytes (RFC 4180) into records, one at a time, so that a broken record costs only
 * itself.
 *
 * <p>Records are split on the bytes, before decoding: in UTF-8 the comma, the double quote and the
 * line breaks never occur inside a multi-byte character, so a bad byte cannot move a record
 * boundary. Each value is then decoded with a decoder that reports malformed input, so an invalid
 * byte is an error for its own record, naming the value.
 *
 * <p>The resynchronisation rules, for a record that cannot be read:
 *
 * <ul>
 *   <li>The record is the physical line it starts on; reading goes on at the next line. For a
 *       record that spans lines (a quoted value with line breaks) this means going back to the line
 *       after its first one, so a quote left open swallows no later rows.
 *   <li>A quoted value that is still open at the end of the input, or after {@link
 *       #MAX_RECORD_LINES} lines, or a record longer than {@link #MAX_RECORD_BYTES} bytes, is an
 *       error.
 *   <li>A closing quote followed by anything but a comma or a line end is an error.
 *   <li>A record spanning several lines whose value count differs from the header's is an error too
 *       (the usual mark of a quote that was never closed and was paired with a later row's quote).
 * </ul>
 *
 * <p>A double quote inside an unquoted value is kept as it is. Lines end with LF, CRLF or CR; empty
 * lines are skipped. A UTF-8 byte-order mark at the start is ignored. Memory is bounded by the
 * largest record; each byte is scanned at most {@link #MAX_RECORD_LINES} times (only when quotes
 * are broken), once otherwise.
 */
final class CsvRecordReader implements Closeable {
  /** The longest record read, in bytes (line breaks included). */
  static final int MAX_RECORD_BYTES = 128 * 1024;

  /** The most physical lines one record (a quoted value with line breaks) may span. */
  static final int MAX_RECORD_LINES = 100;

  private static final int CHUNK = 64 * 1024;

  /**
   * One record: its values, or the problem that kept it from being read.
   *
   * @param line the physical line the record starts on, from 1
   * @param values the decoded values, empty when there is a problem
   * @param problem what is wrong, or null
   * @param column the index of the value the problem is in, or -1 for the record as a whole
   */
  record Row(int line, List<String> values, @Nullable String problem, int column) {}

  private final InputStream in;
  private final byte[] buf = new byte[MAX_RECORD_BYTES + CHUNK];
  private final CharsetDecoder decoder =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
  private int pos;
  private int limit;
  private int recordStart;
  private boolean eof;
  private boolean started;
  private int line = 1;
  private int expectedValues;
  // Each value as [start, end) relative to recordStart, and whether it holds doubled quotes.
  private int[] starts = new int[32];
  private int[] ends = new int[32];
  private boolean[] escaped = new boolean[32];
  private int count;
  private int quotedLineBreaks;
  private int badAt;
  private byte[] scratch = new byte[256];

  CsvRecordReader(InputStream in) {
    this.in = in;
  }

  /** Sets the number of values a record should have (the header's), for the multi-line check. */
  void expectValues(int n) {
    this.expectedValues = n;
  }

  /** The next record, or null at the end of the input. */
  @Nullable Row next() throws IOException {
    if (!started) {
      started = true;
      skipByteOrderMark();
    }
    int c;
    recordStart = pos;
    while ((c = peek()) == '\n' || c == '\r') {
      endLine(c);
      recordStart = pos;
    }
    if (c < 0) {
      return null;
    }
    recordStart = pos;
    int firstLine = line;
    quotedLineBreaks = 0;
    String problem = readRecord(firstLine);
    if (problem == null && quotedLineBreaks > 0 && expectedValues > 0 && count != expectedValues) {
      problem =
          "has "
              + count
              + " values where the header has "
              + expectedValues
              + "; the row runs from line "
              + firstLine
              + " to line "
              + (firstLine + quotedLineBreaks)
              + ", so a quote is probably not closed";
    }
    if (problem != null) {
      resync(firstLine);
      return new Row(firstLine, List.of(), problem, -1);
    }
    return decode(firstLine);
  }

  /**
   * Reads one record from {@code recordStart}; on success the values are in {@link #starts}/{@link
   * #ends} and the position is past its line end. Returns the problem otherwise, leaving the
   * position anywhere.
   */
  private @Nullable String readRecord(int firstLine) throws IOException {
    count = 0;
    while (true) {
      int c = peek();
      if (c == '"') {
        pos++;
        int quoteLine = line;
        int start = pos - recordStart;
        boolean doubled = false;
        while (true) {
          if (pos - recordStart >= MAX_RECORD_BYTES) {
            return tooLong(firstLine);
          }
          c = peek();
          if (c < 0) {
            return "a quoted value opened on line "
                + quoteLine
                + " is not closed before the end of the file";
          }
          pos++;
          if (c == '"') {
            int d = peek();
            if (d == '"') {
              pos++;
              doubled = true;
              continue;
            }
            add(start, pos - 1 - recordStart, doubled);
            if (d == ',') {
              pos++;
              break;
            }
            if (d < 0 || d == '\n' || d == '\r') {
              endRecord(d);
              return null;
            }
            return "a quoted value opened on line "
                + quoteLine
                + " is closed on line "
                + line
                + " and followed by "
                + describe(d)
                + " instead of a comma or a line end";
          }
          if (c == '\n' || c == '\r') {
            if (c == '\r' && peek() == '\n') {
              pos++;
            }
            line++;
            quotedLineBreaks++;
            if (line - firstLine >= MAX_RECORD_LINES) {
              return "a quoted value opened on line "
                  + quoteLine
                  + " runs over more than "
                  + MAX_RECORD_LINES
                  + " lines, so its closing quote is probably missing";
            }
          }
        }
      } else {
        int start = pos - recordStart;
        while (true) {
          int max = Math.min(limit, recordStart + MAX_RECORD_BYTES);
          int p = pos;
          byte b = 0;
          while (p < max && (b = buf[p]) != ',' && b != '\n' && b != '\r') {
            p++;
          }
          pos = p;
          if (p < max) {
            add(start, p - recordStart, false);
            if (b == ',') {
              pos++;
              break;
            }
            endRecord(b);
            return null;
          }
          if (pos - recordStart >= MAX_RECORD_BYTES) {
            return tooLong(firstLine);
          }
          if (peek() < 0) {
            add(start, pos - recordStart, false);
            return null;
          }
        }
      }
    }
  }

  private static String tooLong(int firstLine) {
    return "the row starting on line "
        + firstLine
        + " is longer than "
        + MAX_RECORD_BYTES
        + " bytes";
  }

  private static String describe(int b) {
    return b >= 0x20 && b < 0x7f ? "'" + (char) b + "'" : String.format("byte 0x%02X", b);
  }

  /** Goes on at the line after {@code firstLine}, whatever the broken record contained. */
  private void resync(int firstLine) throws IOException {
    pos = recordStart;
    line = firstLine;
    while (true) {
      int c = peek();
      if (c < 0) {
        return;
      }
      if (c == '\n' || c == '\r') {
        endLine(c);
        return;
      }
      pos++;
      if (pos - recordStart >= MAX_RECORD_BYTES) {
        // A line too long to keep: drop what was scanned so the buffer does not grow.
        recordStart = pos;
      }
    }
  }

  private void endRecord(int c) throws IOException {
    if (c == '\n' || c == '\r') {
      endLine(c);
    }
  }

  /** Consumes the line end {@code c} at the position (CR LF counts once). */
  private void endLine(int c) throws IOException {
    pos++;
    if (c == '\r' && peek() == '\n') {
      pos++;
    }
    line++;
  }

  private void add(int start, int end, boolean doubled) {
    if (count == starts.length) {
      starts = Arrays.copyOf(starts, count * 2);
      ends = Arrays.copyOf(ends, count * 2);
      escaped = Arrays.copyOf(escaped, count * 2);
    }
    starts[count] = start;
    ends[count] = end;
    escaped[count] = doubled;
    count++;
  }

  private Row decode(int firstLine) {
    List<String> values = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int from = recordStart + starts[i];
      int len = ends[i] - starts[i];
      byte[] bytes = buf;
      if (escaped[i]) {
        len = undouble(from, len);
        bytes = scratch;
        from = 0;
      }
      String value = ascii(bytes, from, len);
      if (value == null) {
        value = utf8(bytes, from, len);
        if (value == null) {
          String problem =
              "is not valid UTF-8 text ("
                  + String.format("byte 0x%02X", bytes[badAt] & 0xFF)
                  + " at position "
                  + (badAt - from + 1)
                  + " of the value, line "
                  + firstLine
                  + ")";
          return new Row(firstLine, List.of(), problem, i);
        }
      }
      values.add(value);
    }
    return new Row(firstLine, values, null, -1);
  }

  private static @Nullable String ascii(byte[] bytes, int from, int len) {
    for (int i = from; i < from + len; i++) {
      if (bytes[i] < 0) {
        return null;
      }
    }
    return new String(bytes, from, len, StandardCharsets.ISO_8859_1);
  }

  private @Nullable String utf8(byte[] bytes, int from, int len) {
    decoder.reset();
    ByteBuffer input = ByteBuffer.wrap(bytes, from, len);
    CharBuffer output = CharBuffer.allocate(len);
    CoderResult result = decoder.decode(input, output, true);
    if (result.isError()) {
      badAt = input.position();
      return null;
    }
    decoder.flush(output);
    return output.flip().toString();
  }

  /**
   * Copies a quoted value into {@link #scratch} with each doubled quote made single; returns its
   * length.
   */
  private int undouble(int from, int len) {
    if (scratch.length < len) {
      scratch = new byte[Math.max(len, scratch.length * 2)];
    }
    int n = 0;
    for (int i = from; i < from + len; i++) {
      scratch[n++] = buf[i];
      if (buf[i] == '"') {
        i++; // the second quote of the pair
      }
    }
    return n;
  }

  private void skipByteOrderMark() throws IOException {
    while (limit - pos < 3 && fill()) {
      // read until three bytes are there or the input ends
    }
    if (limit - pos >= 3
        && (buf[pos] & 0xFF) == 0xEF
        && (buf[pos + 1] & 0xFF) == 0xBB
        && (buf[pos + 2] & 0xFF) == 0xBF) {
      pos += 3;
    }
  }

  /** The byte at the position, or -1 at the end of the input. */
  private int peek() throws IOException {
    if (pos == limit && !fill()) {
      return -1;
    }
    return buf[pos] & 0xFF;
  }

  /** Reads more input, keeping the current record; false at the end of the input. */
  private boolean fill() throws IOException {
    if (eof) {
      return false;
    }
    if (limit == buf.length) {
      int keep = Math.min(recordStart, pos);
      System.arraycopy(buf, keep, buf, 0, limit - keep);
      pos -= keep;
      limit -= keep;
      recordStart -= keep;
    }
    if (limit == buf.length) {
      throw new IllegalStateException(
          "CSV buffer full at a record of " + (pos - recordStart) + " bytes");
    }
    int n = in.read(buf, limit, buf.length - limit);
    if (n < 0) {
      eof = true;
      return false;
    }
    limit += n;
    return true;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
