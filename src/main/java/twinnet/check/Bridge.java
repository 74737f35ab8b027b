package twinnet.check;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A learner's implementation in a child process, spoken to in the JSON-lines protocol {@value #PROTOCOL}
 * ({@code docs/check-protocol.md}): one request a line on its standard input, one response a line on its
 * standard output. Lines on its standard output that are not JSON objects (a stray print) are ignored and
 * kept as chatter; its standard error is drained and its last lines kept for messages. Every answer is
 * awaited at most the per-call time limit; a child that hangs is killed, one that dies or answers garbage
 * is a {@link Failure}, said in one sentence.
 */
public final class Bridge implements AutoCloseable {
  public static final String PROTOCOL = "twinnet.check/1";
  static final ObjectMapper JSON = new ObjectMapper();

  /** The child cannot go on: crashed, hung, or broke the protocol. A user's problem: exit 2. */
  public static class Failure extends IllegalArgumentException {
    public Failure(String message) {
      super(message);
    }
  }

  /** The child did not answer within the time limit (it was killed): that call's verdict, not the check's end. */
  public static final class Timeout extends Failure {
    private final String function;
    private final long seconds;

    Timeout(String message, String function, long seconds) {
      super(message);
      this.function = function;
      this.seconds = seconds;
    }

    /** The function that did not answer. */
    public String function() {
      return function;
    }

    /** The limit it did not answer within. */
    public long seconds() {
      return seconds;
    }
  }

  /** One answer: the result, or the error the learner's code raised; and which arguments it changed. */
  public record Reply(boolean ok, JsonNode result, JsonNode error, List<Integer> mutated) {
    /** "ValueError: shapes (3,4) and (5,2) not aligned (line 57: Z = np.dot(W, A) + b)". */
    public String errorText() {
      if (error == null) {
        return "";
      }
      String at = error.hasNonNull("where") ? " (" + error.get("where").asText()
          + (error.hasNonNull("code") ? ": " + error.get("code").asText() : "") + ")" : "";
      return error.path("type").asText("Error") + ": " + error.path("message").asText() + at;
    }
  }

  private final Process process;
  private final String name;
  private final Duration timeout;
  private final OutputStream in;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final Deque<String> stderrTail = new ArrayDeque<>();
  private final List<String> chatter = new ArrayList<>();
  private final JsonNode hello;
  private final twinnet.io.Stop.Registration killOnStop;
  private long nextId = 1;

  private Bridge(Process process, String name, Duration timeout) {
    this.process = process;
    this.killOnStop = twinnet.io.Stop.killOnStop(process);
    this.name = name;
    this.timeout = timeout;
    this.in = process.getOutputStream();
    pump(process.getInputStream(), lines::add, "stdout");
    pump(process.getErrorStream(), l -> {
      synchronized (stderrTail) {
        stderrTail.addLast(l.length() > 300 ? l.substring(0, 300) + "…" : l);
        if (stderrTail.size() > 20) {
          stderrTail.removeFirst();
        }
      }
    }, "stderr");
    this.hello = await("its hello line", -1);
  }

  /**
   * Starts {@code command} and reads its hello.
   *
   * @param name how messages call the child ("python3 bridge.py mine.py", "node mine.js")
   */
  public static Bridge start(List<String> command, String name, Duration timeout) {
    Process p;
    try {
      p = new ProcessBuilder(command).start();
    } catch (IOException e) {
      throw new Failure("cannot start " + name + " (" + e.getMessage() + ")");
    }
    try {
      return new Bridge(p, name, timeout);
    } catch (RuntimeException e) {
      p.destroyForcibly();
      throw e;
    }
  }

  /** The child's hello: the protocol, the functions it defines, and for a refusal its error. */
  public JsonNode hello() {
    return hello;
  }

  /** How messages call the child ("python3", "'node mine.js'"). */
  public String name() {
    return name;
  }

  public List<String> chatter() {
    return List.copyOf(chatter);
  }

  /** Calls a course function with positional arguments; {@code replace} swaps functions for this call. */
  public Reply call(String function, List<JsonNode> args, ObjectNode kwargs, ObjectNode replace) {
    return call(function, args, kwargs, replace, null);
  }

  /** ... and {@code seed}, when not null, seeds the implementation's random generator just before the call. */
  public Reply call(String function, List<JsonNode> args, ObjectNode kwargs, ObjectNode replace, Long seed) {
    twinnet.io.Stop.check("checking " + function);
    long id = nextId++;
    ObjectNode req = JSON.createObjectNode();
    req.put("id", id);
    req.put("call", function);
    ArrayNode a = req.putArray("args");
    args.forEach(a::add);
    if (kwargs != null) {
      req.set("kwargs", kwargs);
    }
    if (replace != null) {
      req.set("replace", replace);
    }
    if (seed != null) {
      req.put("seed", seed);
    }
    try {
      in.write((req.toString() + "\n").getBytes(StandardCharsets.UTF_8));
      in.flush();
    } catch (IOException e) {
      throw new Failure(name + " stopped reading its requests (it exited with " + exitText() + ") before "
          + function + "; " + lastWords());
    }
    JsonNode r = await(function, id);
    List<Integer> mutated = new ArrayList<>();
    r.path("mutated").forEach(n -> mutated.add(n.asInt()));
    if (!r.path("ok").isBoolean()) {
      throw new Failure(name + " answered " + function + " without \"ok\": true or false (" + abbreviate(r.toString())
          + "); see docs/check-protocol.md");
    }
    boolean ok = r.get("ok").asBoolean();
    if (ok && !r.has("result")) {
      throw new Failure(name + " answered " + function + " with \"ok\": true and no \"result\"");
    }
    return new Reply(ok, r.get("result"), r.get("error"), mutated);
  }

  public Reply call(String function, List<JsonNode> args) {
    return call(function, args, null, null);
  }

  /**
   * The next JSON line (the one with {@code id}; -1: the hello), within the time limit; a stop request ends the
   * wait (the child is killed by then).
   */
  private JsonNode await(String what, long id) {
    long until = System.nanoTime() + timeout.toNanos();
    String waiting = id < 0 ? "starting " + name : "checking " + what;
    while (true) {
      twinnet.io.Stop.check(waiting);
      String line;
      try {
        line = lines.poll(Math.min(STOP_POLL_NANOS, Math.max(1, until - System.nanoTime())), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new Failure("interrupted while waiting for " + name);
      }
      if (line == null) {
        if (System.nanoTime() < until && process.isAlive()) {
          continue; // a slice of the wait has passed
        }
        twinnet.io.Stop.check(waiting);
        if (!process.isAlive()) {
          throw new Failure(name + " exited (" + exitText() + ") " + (id < 0 ? "before saying hello" : "in the middle of "
              + what) + "; " + lastWords());
        }
        if (System.nanoTime() >= until) {
          process.destroyForcibly();
          throw new Timeout(name + " did not answer " + what + " within " + timeout.toSeconds() + " s (an endless loop, "
              + "or waiting for input?); it was stopped. Raise the limit with --timeout SECONDS", what,
              timeout.toSeconds());
        }
        continue;
      }
      if (line == EOF) {
        lines.add(EOF); // for the next wait
        twinnet.io.Stop.check(waiting);
        try {
          process.waitFor(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        throw new Failure(name + " exited (" + exitText() + ") " + (id < 0 ? "before saying hello" : "in the middle "
            + "of " + what) + "; " + lastWords());
      }
      String t = line.strip();
      if (!t.startsWith("{")) {
        if (chatter.size() < 50) {
          chatter.add(line);
        }
        continue; // a print on standard output: not an answer
      }
      JsonNode n;
      try {
        n = twinnet.io.JsonFile.READER.readTree(t);
      } catch (JsonProcessingException e) {
        String twice = twinnet.io.JsonFile.duplicateKey(e);
        if (twice != null) {
          throw new Failure(name + " answered " + what + " with a message in which " + twice + " (" + abbreviate(t)
              + "; docs/check-protocol.md)");
        }
        try {
          process.waitFor(300, TimeUnit.MILLISECONDS);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
        }
        if (!process.isAlive()) {
          throw new Failure(name + " exited (" + exitText() + ") in the middle of answering " + what + ", its last line "
              + "cut short (" + abbreviate(t) + "); " + lastWords());
        }
        throw new Failure(name + " answered " + what + " with a line that is not JSON (" + abbreviate(t) + "); see "
            + "docs/check-protocol.md");
      }
      if (id < 0) {
        if (!n.has("hello")) {
          throw new Failure(name + " did not start with its hello line (got " + abbreviate(t) + "); see "
              + "docs/check-protocol.md");
        }
        if (!PROTOCOL.equals(n.get("hello").asText())) {
          throw new Failure(name + " speaks protocol \"" + n.get("hello").asText() + "\", not " + PROTOCOL);
        }
        return n;
      }
      if (n.path("id").isNumber() && n.get("id").asDouble() == id) {
        return n;
      }
      if (n.path("id").isNumber() && n.get("id").asDouble() > id) {
        throw new Failure(name + " answered a request it was not sent (id " + n.get("id") + ")");
      }
      // an answer to an earlier request that timed out, or an id-less complaint: not this one
    }
  }

  private static final String EOF = new String("\u0000EOF");

  /** How often a wait for the child looks at the stop request. */
  private static final long STOP_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  private void pump(InputStream s, java.util.function.Consumer<String> sink, String what) {
    Thread t = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(s, StandardCharsets.UTF_8))) {
        for (String l; (l = r.readLine()) != null; ) {
          sink.accept(l);
        }
      } catch (IOException ignored) {
        // the stream closes with the process
      }
      if (what.equals("stdout")) {
        lines.add(EOF);
      }
    }, "check-" + what);
    t.setDaemon(true);
    t.start();
  }

  private String exitText() {
    try {
      return "exit status " + process.exitValue();
    } catch (IllegalThreadStateException e) {
      return "still running";
    }
  }

  /** The child's last lines on standard error, for a message. */
  String lastWords() {
    synchronized (stderrTail) {
      List<String> tail = new ArrayList<>(stderrTail);
      List<String> shown = tail.subList(Math.max(0, tail.size() - 3), tail.size());
      return shown.isEmpty() ? "it printed nothing on standard error"
          : "its last words on standard error: " + String.join(" | ", shown);
    }
  }

  private static String abbreviate(String s) {
    return s.length() > 120 ? s.substring(0, 117) + "..." : s;
  }

  @Override
  public void close() {
    killOnStop.close();
    try {
      in.write("{\"id\": 0, \"call\": \"__exit__\"}\n".getBytes(StandardCharsets.UTF_8));
      in.close();
    } catch (IOException ignored) {
      // already gone
    }
    try {
      if (!process.waitFor(2, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
