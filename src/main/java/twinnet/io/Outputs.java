package twinnet.io;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

/**
 * Every file and folder twinnet writes goes through here. The rule: an existing output is replaced only
 * with {@code --overwrite}, and only when it is what the command itself writes (a model directory is
 * recognised by its {@code model.json}, a report folder by its {@code report.json}); an output is never
 * an input, never holds an input, and never lies inside a folder the command reads. Outputs are written
 * into a hidden temporary beside the target (with the umask's permissions) and moved into place; a
 * temporary is deleted on every failure and on Ctrl-C ({@link Cleanup}).
 */
public final class Outputs {
  private Outputs() {}

  /** What a command writes, and how an earlier one of the same kind is recognised. */
  public enum Kind {
    MODEL("a twinnet model directory", true, d -> Files.isRegularFile(d.resolve("model.json")), "model.json"),
    CHECKPOINT("a training checkpoint", true, d -> Files.isRegularFile(d.resolve("checkpoint.json")),
        "checkpoint.json"),
    REPORT("a twinnet report folder", true, d -> Files.isRegularFile(d.resolve("report.json")), "report.json"),
    STUDY("the seed study's folder", true, d -> Files.isRegularFile(d.resolve("summary.json"))
        && Files.isDirectory(d.resolve("cases")), "summary.json"),
    DISTRIBUTED("a distributed-check folder", true, d -> Files.isRegularFile(d.resolve("distributed.json")),
        "distributed.json"),
    CHECK("a check report folder", true, d -> Files.isRegularFile(d.resolve("check.json")), "check.json"),
    PREDICTIONS("a predictions CSV", false, f -> firstLine(f).contains(",predicted_"), "a predicted_ column"),
    GENERATED("a CSV written by generate", false, f -> firstLine(f).matches("x1(,x\\d+)*,y"), "an x1,…,y header"),
    BENCH("a bench result", false, f -> firstLine(f).startsWith("{") && text(f).contains("\"steps\""),
        "a \"steps\" field");

    final String what;
    final boolean folder;
    private final Predicate<Path> recognises;
    final String mark;

    Kind(String what, boolean folder, Predicate<Path> recognises, String mark) {
      this.what = what;
      this.folder = folder;
      this.recognises = recognises;
      this.mark = mark;
    }

    /** Whether {@code p} holds an output of this kind (one that this command may replace). */
    public boolean recognises(Path p) {
      return folder ? Files.isDirectory(p) && recognises.test(p) : Files.isRegularFile(p) && recognises.test(p);
    }
  }

  /**
   * An output, checked before any work: where it goes (absolute, normalised), and whether an earlier
   * output of the same kind is there to be replaced.
   */
  public record Target(Path path, Kind kind, boolean replaces, String option) {
    /** The same rules, checked again at the moment of writing (the folder may have changed meanwhile). */
    void recheck() {
      check(path, kind, replaces, List.of(), option);
    }
  }

  /** A folder that outputs go into ({@code run --out}, {@code study --out}): named, and not a file. */
  public static Path folderOption(Path out, String option) {
    if (out.toString().isBlank()) {
      throw new IllegalArgumentException(option + " is empty; give a folder name");
    }
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw new IllegalArgumentException(option + " " + out + " is a file, not a folder; choose another " + option);
    }
    return out;
  }

  /** {@link #check(Path, Kind, boolean, Collection, String)} for an option named {@code --out}. */
  public static Target check(Path out, Kind kind, boolean overwrite, Collection<Path> inputs) {
    return check(out, kind, overwrite, inputs, "--out");
  }

  /**
   * Checks, before any work, that {@code out} may be written: not an input, not holding one, not inside a
   * folder that is read; an existing output replaced only when it is of {@code kind} and {@code overwrite}
   * is given; the folder writable.
   *
   * @param inputs files and folders the command reads (null entries are ignored)
   * @param option the option's name, for messages
   */
  public static Target check(Path out, Kind kind, boolean overwrite, Collection<Path> inputs, String option) {
    if (out.toString().isBlank()) {
      throw new IllegalArgumentException(option + " is empty; give a " + (kind.folder ? "folder" : "file") + " name");
    }
    Path abs = out.toAbsolutePath().normalize();
    if (abs.getParent() == null) {
      throw new IllegalArgumentException(option + " " + out + " is the root folder; choose another " + option);
    }
    Path real = real(abs);
    for (Path input : inputs) {
      if (input == null) {
        continue;
      }
      Path in = real(input.toAbsolutePath().normalize());
      if (real.equals(in)) {
        throw new IllegalArgumentException(option + " " + out + " is the input " + input + ": writing there would "
            + "destroy it; choose another " + option);
      }
      if (in.startsWith(real)) {
        throw new IllegalArgumentException(option + " " + out + " holds the input " + input + ": replacing it would "
            + "delete it; choose another " + option);
      }
      if (real.startsWith(in) && Files.isDirectory(in)) {
        throw new IllegalArgumentException(option + " " + out + " lies inside " + input + ", which this command "
            + "reads; choose another " + option);
      }
    }
    boolean exists = Files.exists(abs, LinkOption.NOFOLLOW_LINKS);
    if (exists) {
      if (kind.folder && !Files.isDirectory(abs)) {
        throw new IllegalArgumentException(option + " " + out + " is a file, not a folder; choose another " + option);
      }
      if (!kind.folder && Files.isDirectory(abs)) {
        throw new IllegalArgumentException(option + " " + out + " is a folder; " + option + " takes a file name");
      }
      if (!kind.folder && !Files.isRegularFile(abs)) {
        throw new IllegalArgumentException(option + " " + out + " is not a regular file (a device, a pipe or a "
            + "link to one); choose another " + option);
      }
      if (!kind.recognises(abs)) {
        throw new IllegalArgumentException(option + " " + out + " already exists and is not " + kind.what + " (recognised by "
            + kind.mark + "): twinnet replaces only what it wrote itself; choose another " + option);
      }
      if (!overwrite) {
        throw new IllegalArgumentException(option + " " + out + " already holds " + kind.what + "; pass --overwrite "
            + "to replace it, or choose another " + option);
      }
    }
    requireWritableFolder(abs.getParent(), option);
    return new Target(abs, kind, exists, option);
  }

  /** The path with links resolved as far as it exists (a file not yet there: its folder's real path). */
  private static Path real(Path abs) {
    Path missing = null;
    Path p = abs;
    while (p != null) {
      try {
        Path r = p.toRealPath();
        return missing == null ? r : r.resolve(missing);
      } catch (IOException e) {
        missing = missing == null ? p.getFileName() : p.getFileName().resolve(missing);
        p = p.getParent();
      }
    }
    return abs;
  }

  /** The nearest existing folder above an output must be a folder that can be written. */
  private static void requireWritableFolder(Path folder, String option) {
    Path p = folder;
    while (p != null && !Files.exists(p)) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalArgumentException("cannot write into " + folder + "; choose another " + option);
    }
    if (!Files.isDirectory(p)) {
      throw new IllegalArgumentException("cannot write into " + folder + ": " + p + " is a file, not a folder; "
          + "choose another " + option);
    }
    try {
      Path probe = Files.createFile(p.resolve(".twinnet-probe-" + Long.toHexString(ThreadLocalRandom.current()
          .nextLong())));
      Files.delete(probe);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot write into " + p + " (" + reason(e) + "); choose another " + option);
    }
  }

  /** What writes a file's content. */
  public interface FileContent {
    void write(OutputStream out) throws IOException;
  }

  /** What writes a text file's content. */
  public interface TextContent {
    void write(BufferedWriter w) throws IOException;
  }

  /** What fills a folder. */
  public interface FolderContent {
    void write(Path folder) throws IOException;
  }

  /** Writes a text file through a temporary beside it, moved into place: never half a file. */
  public static Path writeText(Target t, TextContent content) {
    return writeFile(t, out -> {
      BufferedWriter w = new BufferedWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8));
      content.write(w);
      w.flush();
    });
  }

  /** Writes a file through a temporary beside it, moved into place: never half a file. */
  public static Path writeFile(Target t, FileContent content) {
    requireFile(t);
    Path tmp = null;
    try {
      Files.createDirectories(t.path().getParent());
      tmp = temporary(t.path(), false);
      try (OutputStream out = Files.newOutputStream(tmp)) {
        content.write(out);
      }
      moveIntoPlace(tmp, t);
      tmp = null;
      return t.path();
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot write " + t.path() + " (" + reason(e) + ")");
    } finally {
      discard(tmp);
    }
  }

  /** Fills a temporary folder beside the target, then moves it into place (replacing an earlier one). */
  public static Path writeFolder(Target t, FolderContent content) {
    requireFolder(t);
    Path tmp = null;
    try {
      Files.createDirectories(t.path().getParent());
      tmp = temporary(t.path(), true);
      content.write(tmp);
      moveIntoPlace(tmp, t);
      tmp = null;
      return t.path();
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot write " + t.path() + " (" + reason(e) + ")");
    } finally {
      discard(tmp);
    }
  }

  private static void requireFile(Target t) {
    if (t.kind().folder) {
      throw new IllegalStateException(t.kind() + " is written as a folder");
    }
  }

  private static void requireFolder(Target t) {
    if (!t.kind().folder) {
      throw new IllegalStateException(t.kind() + " is written as a file");
    }
  }

  /** A new hidden temporary beside {@code target}, created with the umask's permissions, registered. */
  static Path temporary(Path target, boolean folder) throws IOException {
    for (int attempt = 0; ; attempt++) {
      Path tmp = target.resolveSibling("." + target.getFileName() + "." + Long.toHexString(ThreadLocalRandom
          .current().nextLong() >>> 16) + ".tmp");
      try {
        Cleanup.register(tmp);
        return folder ? Files.createDirectory(tmp) : Files.createFile(tmp);
      } catch (FileAlreadyExistsException e) {
        Cleanup.forget(tmp);
        if (attempt > 100) {
          throw e;
        }
      } catch (IOException e) {
        Cleanup.forget(tmp);
        throw e;
      }
    }
  }

  private static void discard(Path tmp) {
    if (tmp != null) {
      Cleanup.deleteTree(tmp);
      Cleanup.forget(tmp);
    }
  }

  /**
   * Moves a finished temporary to its target; an earlier output there (checked again now) is moved aside
   * first and deleted after, so the target always holds a whole output.
   */
  static void moveIntoPlace(Path tmp, Target t) throws IOException {
    synchronized (Cleanup.LOCK) {
      if (!Files.exists(tmp, LinkOption.NOFOLLOW_LINKS)) {
        throw new NoSuchFileException(tmp.toString(), null, "the temporary was removed (Ctrl-C?)");
      }
      t.recheck();
      Path target = t.path();
      if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
        Path old = temporary(target, true);
        Files.move(target, old.resolve("old"), StandardCopyOption.ATOMIC_MOVE);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        discard(old);
      } else {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      }
      Cleanup.forget(tmp);
    }
  }

  /** Deletes an output of {@code kind} at {@code p} (a stale checkpoint, say); anything else is left alone. */
  public static void deleteOwn(Path p, Kind kind) {
    if (kind.recognises(p)) {
      synchronized (Cleanup.LOCK) {
        Cleanup.deleteTree(p);
      }
    }
  }

  /** An I/O failure in a few words: "permission denied", "No space left on device", … */
  public static String reason(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NoSuchFileException n) {
      return n.getReason() != null ? n.getReason() : "no such file or folder";
    }
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getReason();
    }
    return Objects.requireNonNullElse(e.getMessage(), e.getClass().getSimpleName());
  }

  private static String firstLine(Path f) {
    try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
      char[] buf = new char[4096];
      int n = r.read(buf);
      if (n <= 0) {
        return "";
      }
      String s = new String(buf, 0, n).replace("\uFEFF", "");
      int eol = s.indexOf('\n');
      return (eol < 0 ? s : s.substring(0, eol)).strip();
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  private static String text(Path f) {
    try {
      return Files.size(f) > 64 << 20 ? "" : Files.readString(f, StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }
}
