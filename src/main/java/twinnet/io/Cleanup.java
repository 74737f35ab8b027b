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
 * Temporaries, in one shutdown hook for the whole program: every temporary file or folder still registered is
 * deleted however the program ends (a command that failed, a stop, {@code System.exit} anywhere). Moves into
 * place and the hook's deletions never interleave. Ctrl-C and SIGTERM are {@link Stop}'s.
 */
public final class Cleanup {
  private Cleanup() {}

  /** How long the hook waits for a command to wind down when the JVM ends by other means (SIGHUP, say). */
  static final long WIND_DOWN_MILLIS = 60_000;

  private static final Set<Path> TEMPORARIES = ConcurrentHashMap.newKeySet();
  private static final AtomicInteger WORKING = new AtomicInteger();
  /** Held while a finished output is moved into place, and while the hook deletes temporaries. */
  static final Object LOCK = new Object();
  private static final AtomicBoolean HOOKED = new AtomicBoolean();

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

  /** Whether a command is at work. */
  static boolean working() {
    return WORKING.get() > 0;
  }

  private static void onShutdown() {
    if (!Stop.requested() && working()) {
      // ended by something other than Ctrl-C or SIGTERM (which had their grace): let the command notice and wind
      // down, as it does for them
      Stop.request(Stop.Signal.TERM);
      long until = System.currentTimeMillis() + WIND_DOWN_MILLIS;
      while (working() && System.currentTimeMillis() < until) {
        try {
          Thread.sleep(10);
        } catch (InterruptedException e) {
          break;
        }
      }
    }
    deleteTemporaries();
  }

  /** Deletes every temporary still registered (never in the middle of a move into place). */
  static void deleteTemporaries() {
    synchronized (LOCK) {
      TEMPORARIES.forEach(Cleanup::deleteTree);
      TEMPORARIES.clear();
    }
  }

  /**
   * A temporary of a command's own (a folder for a child process's script, say), deleted by the hook if the
   * program ends before the command deletes it with {@link #deleteTemporary}.
   */
  public static Path temporary(Path tmp) {
    return register(tmp);
  }

  /** Deletes a temporary of {@link #temporary} now. */
  public static void deleteTemporary(Path tmp) {
    if (tmp != null) {
      deleteTree(tmp);
      forget(tmp);
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
