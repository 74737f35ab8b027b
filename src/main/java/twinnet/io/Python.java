package twinnet.io;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** The python3 executables on PATH, in order, and the first whose numpy imports. */
public final class Python {
  private Python() {}

  /** Every python3 on PATH, in order, each real file once. */
  public static List<String> onPath() {
    Set<String> seen = new LinkedHashSet<>();
    List<String> out = new ArrayList<>();
    String path = System.getenv("PATH");
    if (path == null) {
      return out;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path p = Path.of(dir, "python3");
      if (Files.isRegularFile(p) && Files.isExecutable(p)) {
        try {
          if (seen.add(p.toRealPath().toString())) {
            out.add(p.toString());
          }
        } catch (IOException e) {
          // a broken link: not a python
        }
      }
    }
    return out;
  }

  /** The first python3 on PATH that imports numpy (asked with a 20 s limit each), if any. */
  public static Optional<String> withNumpy() {
    for (String py : onPath()) {
      try {
        Process p = new ProcessBuilder(py, "-c", "import numpy").redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0) {
          return Optional.of(py);
        }
        p.destroyForcibly();
      } catch (IOException e) {
        // not runnable: the next one
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.empty();
      }
    }
    return Optional.empty();
  }
}
