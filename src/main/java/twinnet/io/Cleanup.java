package twinnet.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Ctrl-C and temporaries, in one shutdown hook for the whole program. On Ctrl-C the hook raises the stop
 * flag, waits for the command at work to notice it ({@link #checkStop}) and wind down (a training run
 * writes its checkpoint first), then deletes every temporary file or folder still registered. Moves into
 * place and the hook's deletions never interleave.
 */
public final class Cleanup {
  private Cleanup() {}

  /** How long the hook waits for a command to wind down (a checkpoint of a large DL4J network included). */
  static final long WIND_DOWN_MILLIS = 60_000;

  private static final Set<Path> TEMPORARIES = ConcurrentHashMap.newKeySet();
  private static final AtomicBoolean STOP = new AtomicBoolean();
  private static final AtomicInteger WORKING = new AtomicInteger();
  /** Held while a finished output is moved into place, and while the hook deletes temporaries. */
  static final Object LOCK = new Object();
  private static final AtomicBoolean HOOKED = new AtomicBoolean();
  private static final Set<Runnable> ON_STOP = ConcurrentHashMap.newKeySet();

  /** Thrown where a command notices Ctrl-C: it stops there, and the message says what was kept. */
  public static class Stopped extends RuntimeException {
    public Stopped(String message) {
      super(message);
    }
  }

  /** Marks a command at work until {@link #end()}; installs the hook on first use. */
  public static void begin() {
    if (HOOKED.compareAndSet(false, true)) {
      Runtime.getRuntime().addShutdownHook(new Thread(Cleanup::onShutdown, "twinnet-cleanup"));
    }
    WORKING.incrementAndGet();
  }

  public static void end() {
    WORKING.decrementAndGet();
  }

  /** Whether Ctrl-C (or any other shutdown) was requested. */
  public static boolean stopRequested() {
    return STOP.get();
  }

  /** Stops the work here if Ctrl-C was pressed; {@code doing} says what was under way ("reading data.csv"). */
  public static void checkStop(String doing) {
    if (STOP.get()) {
      throw new Stopped("stopped (Ctrl-C) while " + doing + "; nothing was written");
    }
  }

  /** For tests that simulate Ctrl-C in-process. */
  static void requestStop(boolean on) {
    STOP.set(on);
  }

  /** Runs {@code r} at once when Ctrl-C comes (e.g. to quieten a library's own shutdown), until removed. */
  public static void whenStopped(Runnable r) {
    ON_STOP.add(r);
  }

  public static void removeWhenStopped(Runnable r) {
    ON_STOP.remove(r);
  }

  private static void onShutdown() {
    STOP.set(true);
    ON_STOP.forEach(r -> {
      try {
        r.run();
      } catch (RuntimeException ignored) {
        // shutting down: nothing to tell
      }
    });
    long until = System.currentTimeMillis() + WIND_DOWN_MILLIS;
    while (WORKING.get() > 0 && System.currentTimeMillis() < until) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        break;
      }
    }
    synchronized (LOCK) {
      TEMPORARIES.forEach(Cleanup::deleteTree);
      TEMPORARIES.clear();
    }
  }

  /** A temporary the hook deletes if the program ends before it is moved into place or deleted. */
  static Path register(Path tmp) {
    TEMPORARIES.add(tmp);
    return tmp;
  }

  static void forget(Path tmp) {
    TEMPORARIES.remove(tmp);
  }

  /** The temporaries still registered (tests assert none is left). */
  static Set<Path> temporaries() {
    return Set.copyOf(TEMPORARIES);
  }

  /** Deletes a file or a folder with everything in it, without following links; best effort. */
  public static void deleteTree(Path p) {
    if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(p)) {
      walk.sorted(Comparator.reverseOrder()).forEach(f -> {
        try {
          Files.deleteIfExists(f);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IOException | UncheckedIOException ignored) {
      // best effort: what is left is a hidden temporary
    }
  }
}
