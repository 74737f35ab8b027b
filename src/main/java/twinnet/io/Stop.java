package twinnet.io;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Ctrl-C and SIGTERM, the same way in every command. The first signal raises the stop request: the command at
 * work notices it where it {@link #check checks} (every step, case, round, function, batch, row: well under a
 * second apart), ends with one line that says where it stopped and what was kept, and exits 130 (Ctrl-C) or 143
 * (SIGTERM). A command that does not wind down within {@link #GRACE_MILLIS} (stuck in a library's native
 * start-up, say) is ended by a watchdog with the same kind of line; only while it writes what a stop keeps (a
 * training checkpoint, {@link #keeping}) does the watchdog wait longer. A second signal ends the program at
 * once. Temporaries are deleted on every one of these ways out ({@link Cleanup}).
 */
public final class Stop {
  private Stop() {}

  /** A signal that asks twinnet to stop: how people call it, and the exit status it leads to (128 + number). */
  public enum Signal {
    INT("Ctrl-C", 130), TERM("SIGTERM", 143);

    final String said;
    final int status;

    Signal(String said, int status) {
      this.said = said;
      this.status = status;
    }
  }

  /** How long a command may take to wind down after the first signal before the watchdog ends it. */
  static final long GRACE_MILLIS = 1_500;

  /** How long the watchdog waits while a command writes what a stop keeps (a checkpoint of a large network). */
  static final long KEEPING_MILLIS = 60_000;

  private static volatile Signal signal;
  private static volatile String doing = "starting";
  private static final AtomicInteger KEEPING = new AtomicInteger();
  private static final Set<Runnable> ON_STOP = ConcurrentHashMap.newKeySet();

  /** Thrown where a command notices the stop request; its message is the one line the user reads. */
  public static class Stopped extends RuntimeException {
    private final String doing;
    private final String kept;

    /** "stopped (Ctrl-C) while DOING; KEPT". */
    public Stopped(String doing, String kept) {
      super("stopped (" + by() + ") while " + doing + "; " + kept);
      this.doing = doing;
      this.kept = kept;
    }

    /** A stop told in a sentence of its own ({@code line} is the whole message). */
    protected Stopped(String line) {
      super(line);
      this.doing = null;
      this.kept = null;
    }

    /** The same stop, with what was under way placed inside a larger piece of work ("in case big"). */
    public Stopped within(String where) {
      return doing == null ? this : new Stopped(doing + " " + where, kept);
    }

    /** The same stop with another account of what was kept ("the reports of 2 cases …"). */
    public Stopped keeping(String kept) {
      return doing == null ? this : new Stopped(doing, kept);
    }
  }

  /** Installs the handlers of SIGINT and SIGTERM (the program's own main only: tests call commands in-process). */
  public static void installHandlers() {
    for (Signal s : Signal.values()) {
      try {
        sun.misc.Signal.handle(new sun.misc.Signal(s.name()), x -> onSignal(s));
      } catch (IllegalArgumentException e) {
        // the signal is ignored (a job started with & by a shell without job control) or reserved (-Xrs)
      }
    }
  }

  /** Whether a stop was requested. */
  public static boolean requested() {
    return signal != null;
  }

  /** "Ctrl-C" or "SIGTERM": what asked the program to stop. */
  public static String by() {
    Signal s = signal;
    return s == null ? "Ctrl-C" : s.said;
  }

  /** The exit status of a stopped command: 130 after Ctrl-C, 143 after SIGTERM. */
  public static int exitStatus() {
    Signal s = signal;
    return s == null ? Signal.INT.status : s.status;
  }

  /**
   * Stops the work here if a stop was requested; {@code doing} says what was under way ("comparing step 12 of
   * 900000"), for the line and for the watchdog's line if the work never comes back here.
   */
  public static void check(String doing) {
    Stop.doing = doing;
    if (signal != null) {
      throw new Stopped(doing, NOTHING);
    }
  }

  /** As {@link #check(String)}, building the description only when the stop is there (a hot loop). */
  public static void check(Supplier<String> doing) {
    if (signal != null) {
      check(doing.get());
    }
  }

  /** What a stop keeps when the work under way writes only at its end. */
  public static final String NOTHING = "nothing was written";

  /** Runs {@code work}, which writes what a stop keeps: the watchdog waits for it (up to a minute). */
  public static <T> T keeping(Supplier<T> work) {
    KEEPING.incrementAndGet();
    try {
      return work.get();
    } finally {
      KEEPING.decrementAndGet();
    }
  }

  public static void keeping(Runnable work) {
    keeping(() -> {
      work.run();
      return null;
    });
  }

  /** Runs {@code r} at once when a stop is requested (kill a child process, quieten a library), until removed. */
  public static void onStop(Runnable r) {
    ON_STOP.add(r);
    if (signal != null) {
      r.run();
    }
  }

  public static void removeOnStop(Runnable r) {
    ON_STOP.remove(r);
  }

  /** What {@link #killOnStop} returns: closing it ends the registration. */
  public interface Registration extends AutoCloseable {
    @Override
    void close();
  }

  /** A child process (and its own children) killed when a stop is requested; close the registration after it. */
  public static Registration killOnStop(Process p) {
    Runnable kill = () -> p.descendants().forEach(ProcessHandle::destroyForcibly);
    Runnable both = () -> {
      kill.run();
      p.destroyForcibly();
    };
    onStop(both);
    return () -> removeOnStop(both);
  }

  /** For tests that simulate a signal in-process (null: none). */
  static void request(Signal s) {
    signal = s;
  }

  private static void onSignal(Signal s) {
    synchronized (Stop.class) {
      if (signal != null) { // the second: end now
        System.err.println("stopped at once (" + s.said + " again); nothing more was written");
        System.err.flush();
        Cleanup.deleteTemporaries();
        Runtime.getRuntime().halt(signal.status);
      }
      signal = s;
    }
    ON_STOP.forEach(r -> {
      try {
        r.run();
      } catch (RuntimeException ignored) {
        // stopping: a failure to quieten something is not worth a message
      }
    });
    if (!Cleanup.working()) { // nothing to wind down (the JVM is starting or ending)
      System.exit(s.status);
    }
    Thread watchdog = new Thread(Stop::watch, "twinnet-stop");
    watchdog.setDaemon(true);
    watchdog.start();
  }

  /** Ends the program if the command has not wound down within the grace (or the keeping time). */
  private static void watch() {
    long t0 = System.currentTimeMillis();
    while (true) {
      long waited = System.currentTimeMillis() - t0;
      if (waited > KEEPING_MILLIS || waited > GRACE_MILLIS && KEEPING.get() == 0) {
        break;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        return;
      }
    }
    System.err.println(new Stopped(doing, NOTHING).getMessage() + " (it did not wind down within " + GRACE_MILLIS
        / 1000.0 + " s)");
    System.err.flush();
    System.exit(exitStatus());
  }
}
