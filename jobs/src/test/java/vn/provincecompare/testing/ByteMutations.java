package vn.provincecompare.testing;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * The mutations of the fuzz tests (issue 14.9), shared by the reader fuzzing ({@code ReaderFuzzTest}) and the
 * whole-pipeline fuzzing ({@code PipelineFuzzTest}): a bit flip, a truncation, an inserted BOM, NUL or CR, a field
 * of up to 200,000 characters, a random Unicode character, or a number as other tools write it; and, for the
 * pipeline, a whole cell replaced by a name or number in another script or spelling.
 */
public final class ByteMutations {
  private ByteMutations() {}

  public static final String[] UNICODE = {"\u00A0", "\u202F", "\u200B", "\uFEFF", "\uFFFD", "\u0301", "\uD83D\uDE00",
      "\u0110", "\t", "\r", "\n", "\"", ",", "\u0000", "ệ", "١"};

  public static byte[] mutate(byte[] in, Random r) {
    byte[] b = in.length == 0 ? new byte[] {'x'} : in;
    int at = r.nextInt(b.length + 1);
    switch (r.nextInt(7)) {
      case 0 -> {
        byte[] out = b.clone();
        int i = Math.min(at, b.length - 1);
        out[i] = (byte) (out[i] ^ (1 << r.nextInt(8)));
        return out;
      }
      case 1 -> {
        return java.util.Arrays.copyOf(b, at);
      }
      case 2 -> {
        return insert(b, at, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
      }
      case 3 -> {
        return insert(b, at, new byte[] {r.nextBoolean() ? 0 : (byte) '\r'});
      }
      case 4 -> {
        return insert(b, at, "x".repeat(1 + r.nextInt(200_000)).getBytes(StandardCharsets.UTF_8));
      }
      case 5 -> {
        return insert(b, at, UNICODE[r.nextInt(UNICODE.length)].getBytes(StandardCharsets.UTF_8));
      }
      default -> {
        // A number replaced by one other tools write.
        String[] numbers = {"1e400", "NaN", "-Inf", "2024.0", "26.0", "", " ", "\u00A088.5", "9".repeat(400)};
        return insert(b, at, ("," + numbers[r.nextInt(numbers.length)]).getBytes(StandardCharsets.UTF_8));
      }
    }
  }

  public static byte[] insert(byte[] b, int at, byte[] what) {
    byte[] out = new byte[b.length + what.length];
    System.arraycopy(b, 0, out, 0, at);
    System.arraycopy(what, 0, out, at, what.length);
    System.arraycopy(b, at, out, at + what.length, b.length - at);
    return out;
  }

  /** Cells as other tools and hands write them: names in other scripts and forms, numbers of every spelling. */
  public static final String[] CELLS = {"1e400", "-1e400", "NaN", "nan", "-Inf", "Infinity", "1.#INF", "4.9e-324",
      "1.7976931348623157e308", "-0.0", "2024.0", "2099", "0", "-5", "105", "0.8844", "1e-7", "26.0", "９９",
      "\u00A088.5\u202F", "8\u200B8", "1\u00A0234", "64,5", "88.5%", "9".repeat(400), "", " ", "KCDL", "..",
      "Hà Nội", "Ha\u0300 No\u0302\u0323i", "HÀ NỘI", "Thừa Thiên-Huế", "TP.HCM", "Yên Bái", "Lào Cai\uFEFF",
      "Đắk Lắk", "Dak Lak", "Bình Dương".repeat(3), "\uD83D\uDE00", "\u0661\u0662", "Ελλάδα", "東京", "\u0000",
      "\uFFFD", "=1+1", "\"quoted, with comma\"", "VN63", "vn 34", "VN36", "PAR_INDEX", "SIPAS", "DTI"};

  /**
   * One cell of a CSV (a random line, a random field) replaced by one of {@link #CELLS} or by random Unicode
   * characters; the file's other bytes are kept. A file without a line break gets the cell appended.
   */
  public static byte[] replaceCell(byte[] in, Random r) {
    String text = new String(in, StandardCharsets.UTF_8);
    String[] lines = text.split("\n", -1);
    String cell;
    if (r.nextInt(4) == 0) {
      StringBuilder s = new StringBuilder();
      for (int i = 1 + r.nextInt(12); i > 0; i--) {
        s.appendCodePoint(r.nextBoolean() ? 0x20 + r.nextInt(0x2FF) : r.nextInt(0x10FFFF + 1));
      }
      cell = s.toString().replaceAll("[\\uD800-\\uDFFF]", "\uFFFD");
    } else {
      cell = CELLS[r.nextInt(CELLS.length)];
    }
    int lineNo = lines.length <= 1 ? 0 : 1 + r.nextInt(lines.length - 1);
    String[] fields = lines[lineNo].split(",", -1);
    fields[r.nextInt(fields.length)] = cell;
    lines[lineNo] = String.join(",", fields);
    return String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
  }
}
