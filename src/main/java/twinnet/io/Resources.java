package twinnet.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What a run will need, against what this machine has: every command asks here before it starts, so a
 * size a user can type ends in a sentence naming the size and the fix, not in an {@link OutOfMemoryError}
 * or a full disk. Estimates are of the numbers held (8 bytes each); they err on the generous side.
 */
public final class Resources {
  private Resources() {}

  /** Layers of weights a network may have: DL4J's set-up grows with the square of the depth (3 000 layers: minutes). */
  public static final int MAX_DEPTH = 100;
  /** Units in one layer, and columns in one CSV. */
  public static final int MAX_WIDTH = 100_000;
  /** Steps of a comparison, epochs of a training run. */
  public static final int MAX_STEPS = 1_000_000;

  /** The last estimate asked for, named for the message of an {@link OutOfMemoryError} that happens anyway. */
  private static volatile String lastNeed = "";

  /** Bytes the heap can still grow by. */
  public static long freeHeap() {
    Runtime r = Runtime.getRuntime();
    return r.maxMemory() - (r.totalMemory() - r.freeMemory());
  }

  /**
   * The numbers one side of a comparison or a training run holds for a dense network of {@code layers} on
   * {@code examples} examples: parameters, gradients and two optimiser moments (4 per parameter), and per
   * example every layer's Z, A, dA and dZ.
   */
  public static long networkNumbers(int[] layers, long examples) {
    long params = 0;
    long units = 0;
    for (int l = 1; l < layers.length; l++) {
      params += (long) layers[l] * (layers[l - 1] + 1L);
      units += layers[l];
    }
    try {
      return Math.addExact(Math.multiplyExact(4L, params), Math.multiplyExact(4L, Math.multiplyExact(units + layers[0],
          Math.max(1L, examples))));
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }

  /** The layer sizes a user typed: each at least 1 and at most {@link #MAX_WIDTH}, at most {@link #MAX_DEPTH} deep. */
  public static void requireLayers(String option, int[] layers) {
    if (layers.length - 1 > MAX_DEPTH) {
      throw new IllegalArgumentException(option + " makes " + (layers.length - 1) + " layers of weights; twinnet takes "
          + "at most " + MAX_DEPTH + " (DL4J's set-up time grows with the square of the depth): use fewer layers");
    }
    for (int n : layers) {
      if (n < 1 || n > MAX_WIDTH) {
        throw new IllegalArgumentException(option + ": a layer of " + n + " units; each layer takes 1 to " + MAX_WIDTH
            + " units");
      }
    }
  }

  /** A count a user typed (steps, epochs, …) within [min, max]. */
  public static long requireRange(String option, long value, long min, long max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(option + " must be between " + min + " and " + max + ", got " + value);
    }
    return value;
  }

  /**
   * Refuses work that would need more heap than the JVM has left.
   *
   * @param what what needs it ("a network of [1, 100000, 100000, 1] on 20 examples")
   * @param numbers how many doubles it holds at once
   * @param fix what the user can do about it
   */
  public static void requireMemory(String what, long numbers, String fix) {
    long bytes = numbers > Long.MAX_VALUE / 8 ? Long.MAX_VALUE : numbers * 8;
    lastNeed = what + " (about " + bytes(bytes) + ")";
    long free = freeHeap();
    if (bytes > free) {
      throw new IllegalArgumentException(what + " needs about " + bytes(bytes) + " of memory; this JVM has "
          + bytes(free) + " free (of " + bytes(Runtime.getRuntime().maxMemory()) + "): " + fix);
    }
  }

  /** Refuses to write more than the disk holding {@code folder} has free. */
  public static void requireDisk(Path folder, String what, long bytes, String fix) {
    Path p = folder.toAbsolutePath();
    while (p != null && !Files.exists(p)) {
      p = p.getParent();
    }
    if (p == null) {
      return;
    }
    try {
      long free = Files.getFileStore(p).getUsableSpace();
      if (bytes > free) {
        throw new IllegalArgumentException(what + " would take about " + bytes(bytes) + "; " + p + " has "
            + bytes(free) + " free: " + fix);
      }
    } catch (IOException e) {
      // a file system that does not say: the write itself reports a full disk
    }
  }

  /** The message of an {@link OutOfMemoryError} that got past the estimates: one line, with the size. */
  public static String outOfMemory() {
    return "out of memory" + (lastNeed.isEmpty() ? "" : " with " + lastNeed) + "; the JVM may use "
        + bytes(Runtime.getRuntime().maxMemory()) + ": give it more with java -Xmx…, or make the run smaller";
  }

  /** 1.5 GB, 320 MB, 12 kB. */
  public static String bytes(long b) {
    if (b >= 1L << 60) {
      return "more than an exabyte";
    }
    String[] units = {"bytes", "kB", "MB", "GB", "TB", "PB", "EB"};
    double v = b;
    int u = 0;
    while (v >= 1000 && u < units.length - 1) {
      v /= 1000;
      u++;
    }
    return u == 0 ? b + " bytes" : String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }
}
