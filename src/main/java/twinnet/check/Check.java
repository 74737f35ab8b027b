package twinnet.check;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import twinnet.model.Loss;

/**
 * {@code twinnet check}: a learner's own implementation of the course's functions, function by function,
 * against the scratch network (and for whole networks the DL4J twin), with the cause named; then training
 * with the learner's functions, step by step against the twin. A {@code .py} or {@code .ipynb} runs in
 * Python through the bridge that ships in the jar; any other program speaks the same protocol
 * ({@code --exec}).
 */
public final class Check {
  private Check() {}

  /**
   * What to check and how.
   *
   * @param file a .py or .ipynb (null with {@code exec})
   * @param exec a command that speaks the protocol (null with {@code file})
   * @param python the Python to run the bridge with (null: the first python3 on PATH with numpy)
   * @param learningRate NaN: the course's 0.0075 for cross-entropy, the seed's 0.001 for the MSE losses
   * @param notebook the notebook the file is for (an id of {@link Catalogue}), or null: read from what it defines
   */
  public record Options(Path file, String exec, String python, DeclaredModel model, int steps, double learningRate,
      Duration timeout, long seed, String notebook) {
    public Options(Path file, String exec, String python, DeclaredModel model, int steps, double learningRate,
        Duration timeout, long seed) {
      this(file, exec, python, model, steps, learningRate, timeout, seed, null);
    }
  }

  /** The notebooks' ids, for --notebook's help and messages. */
  public static List<String> notebooks() {
    return Catalogue.NOTEBOOKS.stream().map(Notebook::id).toList();
  }

  public static CheckResult run(Options o) {
    if ((o.file() == null) == (o.exec() == null)) {
      throw new IllegalArgumentException("give a .py or .ipynb file to check, or --exec CMD (a program that speaks "
          + "docs/check-protocol.md), not both");
    }
    if (o.notebook() != null) {
      Catalogue.byId(o.notebook()); // known, before any process starts
    }
    List<String> notes = new ArrayList<>();
    Path script = null;
    java.util.function.Supplier<Bridge> start;
    Bridge first;
    String what;
    try {
      if (o.file() != null) {
        requireFile(o.file());
        Path bridgeScript = bridgeScript();
        script = bridgeScript;
        first = python(o, bridgeScript);
        String py = first.name();
        List<String> cmd = List.of(py, "-u", bridgeScript.toString(), o.file().toAbsolutePath().toString(),
            String.join(",", Catalogue.names()));
        start = () -> Bridge.start(cmd, py, o.timeout());
        what = o.file().toString();
      } else {
        if (o.exec().isBlank()) {
          throw new IllegalArgumentException("--exec is empty; give the command that runs your program");
        }
        List<String> cmd = words(o.exec());
        start = () -> Bridge.start(cmd, "'" + o.exec() + "'", o.timeout());
        first = start.get();
        what = o.exec();
      }
      try (Session session = new Session(first, start)) {
        return check(session, o, what, notes);
      }
    } finally {
      if (script != null) {
        twinnet.io.Cleanup.deleteTemporary(script.getParent());
      }
    }
  }

  private static CheckResult check(Session session, Options o, String what, List<String> notes) {
    JsonNode hello = session.hello();
    if (hello.has("error")) {
      JsonNode e = hello.get("error");
      String at = e.hasNonNull("where") ? " at " + e.get("where").asText() : "";
      String code = e.hasNonNull("code") && !e.get("code").asText().isBlank() ? ": " + e.get("code").asText() : "";
      throw new IllegalArgumentException(what + ": " + e.path("type").asText("error") + at + " (" + e.path("message")
          .asText() + ")" + code + "; fix it and check again");
    }
    Set<String> defined = new LinkedHashSet<>();
    hello.path("defines").forEach(n -> defined.add(n.asText()));
    java.util.Map<String, List<String>> parameters = new java.util.HashMap<>();
    hello.path("parameters").fields().forEachRemaining(e -> {
      List<String> names = new ArrayList<>();
      e.getValue().forEach(n -> names.add(n.asText()));
      parameters.put(e.getKey(), names);
    });
    List<Notebook> notebooks = o.notebook() != null ? List.of(Catalogue.byId(o.notebook()))
        : Catalogue.assume(defined, parameters);
    if (notebooks.isEmpty()) {
      throw new IllegalArgumentException(what + " defines none of the course's functions (" + String.join("; ",
          Catalogue.NOTEBOOKS.stream().map(n -> n.id() + ": " + String.join(", ", n.functions())).toList())
          + "): nothing to check");
    }
    String assumed = String.join(" and ", notebooks.stream().map(n -> n.title() + " (" + n.id() + ")").toList())
        + (o.notebook() != null ? ", as --notebook says" : ", read from the functions it defines; --notebook NAME "
            + "says otherwise");
    List<String> provided = new ArrayList<>();
    hello.path("provided").forEach(n -> provided.add(n.asText()));
    if (!provided.isEmpty()) {
      notes.add("The course's helpers " + String.join(", ", provided) + " came from twinnet's bridge (the file imports "
          + "them from a module that is not here, or does not define them).");
    }
    List<String> stubbed = new ArrayList<>();
    hello.path("stubbed").forEach(n -> stubbed.add(n.asText()));
    if (!stubbed.isEmpty()) {
      notes.add("Modules stood in for (never run): " + String.join(", ", stubbed) + ".");
    }
    List<String> standins = new ArrayList<>();
    hello.path("standins").forEach(n -> standins.add(n.asText()));
    if (!standins.isEmpty()) {
      notes.add("Course modules twinnet's bridge stands in for (its own code, written from their formulas): "
          + String.join(", ", standins) + ".");
    }
    hello.path("warnings").forEach(n -> notes.add("Not loaded: " + n.asText()));
    List<CheckResult.FunctionResult> functions = new ArrayList<>();
    Set<String> done = new java.util.HashSet<>();
    CheckResult.Training training = null;
    for (Notebook nb : notebooks) {
      Checks checks = nb.checks().make(session, o.model(), o.seed());
      for (String f : nb.all()) {
        if (!done.add(f)) {
          continue;
        }
        if (!defined.contains(f)) {
          if (!nb.helpers().contains(f)) {
            functions.add(CheckResult.FunctionResult.notFound(f));
          }
          continue;
        }
        functions.add(dependsOn(checkOne(checks, f), nb.calls().getOrDefault(f, List.of()), functions));
      }
      if (training == null) {
        double lr = Double.isNaN(o.learningRate()) ? (o.model().loss() == Loss.BCE || o.model().loss() == Loss.CCE
            ? 0.0075 : 0.001) : o.learningRate();
        try {
          training = checks.training(defined, o.steps(), lr, functions);
        } catch (Session.TimedOut t) { // a function that hangs in training: training's verdict, not the check's end
          training = CheckResult.Training.timedOut("Training stopped: " + t.getMessage() + " (raise the limit with "
              + "--timeout SECONDS if it only needs longer).");
        }
      }
    }
    List<String> chatter = session.chatter();
    if (!chatter.isEmpty()) {
      notes.add("Lines on standard output that are not the protocol's were ignored (" + chatter.size()
          + ", the first: " + chatter.get(0) + ").");
    }
    String language = hello.path("language").asText("?") + (hello.has("numpy") ? ", numpy "
        + hello.get("numpy").asText() : "");
    return new CheckResult(what, language, o.model().spec(1, 1), notebooks.stream().map(Notebook::id).toList(),
        assumed, functions, training != null ? training : CheckResult.Training.notRun("This notebook's check has "
            + "no training run: its functions are checked one by one."), notes);
  }

  /**
   * A function that is wrong while one it calls (the learner's own) is wrong too: its verdict starts with that,
   * since its numbers may be the callee's fault.
   */
  private static CheckResult.FunctionResult dependsOn(CheckResult.FunctionResult r, List<String> callees,
      List<CheckResult.FunctionResult> before) {
    if (r.status() == CheckResult.Status.OK || r.status() == CheckResult.Status.NOT_FOUND) {
      return r;
    }
    List<String> wrong = before.stream().filter(b -> callees.contains(b.name()) && b.status() != CheckResult.Status.OK
        && b.status() != CheckResult.Status.NOT_FOUND).map(CheckResult.FunctionResult::name).toList();
    if (wrong.isEmpty()) {
      return r;
    }
    List<String> why = new ArrayList<>(List.of(Cause.CALLS_A_WRONG_FUNCTION.say(r.name(), String.join(", ", wrong),
        wrong.size() == 1 ? "is" : "are", String.join(", ", wrong))));
    why.addAll(r.diagnosis());
    return new CheckResult.FunctionResult(r.name(), r.status(), r.firstWrong(), why, r.worstRelativeError(),
        r.shown());
  }

  /** One function's check; one that does not answer within the limit is that function's verdict, and the rest go on. */
  private static CheckResult.FunctionResult checkOne(Checks checks, String f) {
    try {
      return checks.check(f);
    } catch (Session.TimedOut t) {
      return new CheckResult.FunctionResult(f, CheckResult.Status.TIMEOUT, null, List.of(Cause.TIMED_OUT.say(f,
          t.seconds)), Double.NaN, null);
    }
  }

  private static void requireFile(Path f) {
    if (!Files.exists(f)) {
      throw new IllegalArgumentException(f + ": no such file; check the path");
    }
    if (!Files.isRegularFile(f)) {
      throw new IllegalArgumentException(f + " is not a file; give your .py or .ipynb");
    }
    String n = f.getFileName().toString();
    if (!n.endsWith(".py") && !n.endsWith(".ipynb")) {
      throw new IllegalArgumentException(f + " is neither a .py nor an .ipynb file; for a program in another language "
          + "use --exec CMD (docs/check-protocol.md)");
    }
  }

  /** The bridge, copied out of the jar into a temporary folder (removed after the check, and on Ctrl-C). */
  private static Path bridgeScript() {
    try (InputStream in = Check.class.getResourceAsStream("/twinnet/check/bridge.py")) {
      if (in == null) {
        throw new IllegalStateException("the Python bridge is missing from the build");
      }
      Path dir = twinnet.io.Cleanup.temporary(Files.createTempDirectory("twinnet-check"));
      Path p = dir.resolve("bridge.py");
      Files.write(p, in.readAllBytes());
      return p;
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot write the Python bridge to the temporary folder (" + e.getMessage()
          + ")");
    }
  }

  /** The bridge in the given python, or in the first python3 on PATH whose numpy imports. */
  private static Bridge python(Options o, Path script) {
    List<String> candidates = o.python() != null ? List.of(o.python()) : pythonsOnPath();
    if (candidates.isEmpty()) {
      throw new IllegalArgumentException("no python3 on PATH: install Python 3 with numpy, or give --python PATH");
    }
    List<String> tried = new ArrayList<>();
    for (String py : candidates) {
      Bridge b;
      try {
        b = Bridge.start(List.of(py, "-u", script.toString(), o.file().toAbsolutePath().toString(),
            String.join(",", Catalogue.names())), py, o.timeout());
      } catch (Bridge.Failure e) {
        if (o.python() != null) {
          throw new IllegalArgumentException("--python " + py + ": " + e.getMessage());
        }
        tried.add(py + " (" + e.getMessage() + ")");
        continue;
      }
      if ("NoNumpy".equals(b.hello().path("error").path("type").asText())) {
        b.close();
        tried.add(py + " (no numpy)");
        continue;
      }
      return b;
    }
    throw new IllegalArgumentException("no python3 with numpy (tried " + String.join("; ", tried) + "): install numpy "
        + "(pip install numpy, or apt install python3-numpy), or give --python PATH");
  }

  /** Every python3 on PATH, in order, each real file once. */
  static List<String> pythonsOnPath() {
    return twinnet.io.Python.onPath();
  }

  /** A command line split into words as a shell would for simple quoting ('…', "…", \). */
  static List<String> words(String cmd) {
    List<String> out = new ArrayList<>();
    StringBuilder w = new StringBuilder();
    boolean inWord = false;
    char quote = 0;
    for (int i = 0; i < cmd.length(); i++) {
      char c = cmd.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else if (c == '\\' && quote == '"' && i + 1 < cmd.length()) {
          w.append(cmd.charAt(++i));
        } else {
          w.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        inWord = true;
      } else if (c == '\\' && i + 1 < cmd.length()) {
        w.append(cmd.charAt(++i));
        inWord = true;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          out.add(w.toString());
          w.setLength(0);
          inWord = false;
        }
      } else {
        w.append(c);
        inWord = true;
      }
    }
    if (quote != 0) {
      throw new IllegalArgumentException("--exec " + cmd + ": a quote is not closed");
    }
    if (inWord) {
      out.add(w.toString());
    }
    return out;
  }
}
