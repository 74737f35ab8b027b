package twinnet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static twinnet.cli.Snapshot.run;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Nothing a user owns is destroyed: every command that writes refuses an output that is an input, holds
 * one, lies inside a folder it reads, or is anything but what the command itself writes; each refusal is
 * exit 2 with one line, and every file in the folder is byte for byte as it was, with no temporary left.
 */
class UserFilesTest {
  @TempDir
  static Path dir;

  static String d;
  static String m;
  static String md;
  static String notes;

  @BeforeAll
  static void userFiles() throws IOException {
    d = dir.resolve("d.csv").toString();
    assertThat(run("generate", "--rows", "200", "--features", "2", "--out", d).rc()).isZero();
    m = dir.resolve("m").toString();
    assertThat(run("train", "--data", d, "--epochs", "2", "--out", m).rc()).isZero();
    md = dir.resolve("md").toString();
    assertThat(run("train", "--data", d, "--epochs", "2", "--backend", "dl4j", "--out", md).rc()).isZero();
    notes = dir.resolve("notes.txt").toString();
    Files.writeString(Path.of(notes), "my notes, not a CSV\n");
    Files.createDirectories(dir.resolve("data"));
    Files.copy(Path.of(d), dir.resolve("data/d.csv"));
    Files.createDirectories(dir.resolve("mine.checkpoint"));
    Files.writeString(dir.resolve("mine.checkpoint/keep.txt"), "a folder of the user's");
    Files.createDirectories(dir.resolve("reports/seed-c-identity-output-standardized"));
    Files.writeString(dir.resolve("reports/seed-c-identity-output-standardized/keep.txt"), "the user's");
    Files.createDirectories(dir.resolve("studies/seed-study"));
    Files.writeString(dir.resolve("studies/seed-study/keep.txt"), "the user's");
  }

  static Stream<Arguments> refusals() {
    String data2 = dir.resolve("data/d.csv").toString();
    return Stream.of(
        Arguments.of("predict over its input", new String[] {"predict", "--model", m, "--data", d, "--out", d},
            "is the input"),
        Arguments.of("predict into the model it reads", new String[] {"predict", "--model", m, "--data", d, "--out",
            m + "/model.json", "--overwrite"}, "lies inside"),
        Arguments.of("predict over a file it did not write", new String[] {"predict", "--model", m, "--data", d,
            "--out", notes, "--overwrite"}, "is not a predictions CSV"),
        Arguments.of("predict into a folder", new String[] {"predict", "--model", m, "--data", d, "--out",
            dir.resolve("data").toString()}, "is a folder"),
        Arguments.of("generate over notes", new String[] {"generate", "--rows", "5", "--out", notes},
            "is not a CSV written by generate"),
        Arguments.of("generate over notes, even with --overwrite", new String[] {"generate", "--rows", "5", "--out",
            notes, "--overwrite"}, "twinnet replaces only what it wrote itself"),
        Arguments.of("generate over its own CSV without --overwrite", new String[] {"generate", "--rows", "5",
            "--out", d}, "pass --overwrite"),
        Arguments.of("bench over notes", new String[] {"bench", "--out", notes, "--overwrite"},
            "is not a bench result"),
        Arguments.of("train over its data", new String[] {"train", "--data", d, "--out", d, "--overwrite"},
            "is the input"),
        Arguments.of("train over the folder of its data", new String[] {"train", "--data", data2, "--out",
            dir.resolve("data").toString(), "--overwrite"}, "holds the input"),
        Arguments.of("train over the folder of its data, spelt with ..", new String[] {"train", "--data", data2,
            "--out", dir.resolve("data/sub/..").toString(), "--overwrite"}, "holds the input"),
        Arguments.of("train over a model without --overwrite", new String[] {"train", "--data", d, "--out", m},
            "already holds a twinnet model directory; pass --overwrite"),
        Arguments.of("train over a file", new String[] {"train", "--data", d, "--out", notes, "--overwrite"},
            "is a file, not a folder"),
        Arguments.of("train over a folder that is not a model", new String[] {"train", "--data", d, "--out",
            dir.resolve("reports").toString(), "--overwrite"}, "is not a twinnet model directory"),
        Arguments.of("train beside a checkpoint folder that is the user's", new String[] {"train", "--data", d,
            "--out", dir.resolve("mine").toString(), "--overwrite"}, "is not a training checkpoint"),
        Arguments.of("convert over its input", new String[] {"convert", "--model", m, "--out", m, "--overwrite"},
            "is the input"),
        Arguments.of("convert over another model without --overwrite", new String[] {"convert", "--model", m,
            "--out", md}, "pass --overwrite"),
        Arguments.of("run over a folder of the user's", new String[] {"run", "--quiet", "--overwrite", "--out",
            dir.resolve("reports").toString(), "compare/seed-c-identity-output-standardized.json"},
            "is not a twinnet report folder"),
        Arguments.of("study over a folder of the user's", new String[] {"study", "--out",
            dir.resolve("studies").toString()}, "is not the seed study's folder"),
        Arguments.of("a special file", new String[] {"predict", "--model", m, "--data", d, "--out", "/dev/null"},
            "is not a regular file"),
        Arguments.of("a folder that cannot be written", new String[] {"generate", "--rows", "5", "--out",
            "/proc/twinnet/x.csv"}, "cannot write into /proc"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusals")
  void anOutputThatWouldDestroySomethingIsRefusedAndNothingChanges(String why, String[] args, String message) {
    Snapshot before = Snapshot.of(dir);
    run(args).assertOneLineError(message);
    before.assertUnchanged(why);
  }

  @Test
  void anInterruptedRunsCheckpointIsContinuedOrReplacedOnlyWhenAsked() throws IOException {
    Path out = dir.resolve("interrupted");
    Files.createDirectories(dir.resolve("interrupted.checkpoint"));
    Files.writeString(dir.resolve("interrupted.checkpoint/checkpoint.json"), "{}");
    Snapshot before = Snapshot.of(dir);
    run("train", "--data", d, "--epochs", "1", "--out", out.toString()).assertOneLineError("continue it with "
        + "--resume");
    before.assertUnchanged("a checkpoint of an interrupted run");
    assertThat(run("train", "--data", d, "--epochs", "1", "--out", out.toString(), "--overwrite").rc()).isZero();
    assertThat(out.resolve("model.json")).isRegularFile();
    assertThat(dir.resolve("interrupted.checkpoint")).doesNotExist(); // the stale checkpoint, replaced and removed
  }

  @Test
  void anOutputOfItsOwnKindIsReplacedWithOverwriteWithTheUmasksPermissions() throws IOException {
    Path g = dir.resolve("g.csv");
    assertThat(run("generate", "--rows", "5", "--out", g.toString()).rc()).isZero();
    byte[] first = Files.readAllBytes(g);
    run("generate", "--rows", "6", "--out", g.toString()).assertOneLineError("pass --overwrite");
    assertThat(Files.readAllBytes(g)).isEqualTo(first);
    assertThat(run("generate", "--rows", "6", "--out", g.toString(), "--overwrite").rc()).isZero();
    assertThat(Files.readAllLines(g)).hasSize(7);
    Path p = dir.resolve("p.csv");
    assertThat(run("predict", "--model", m, "--data", d, "--out", p.toString()).rc()).isZero();
    assertThat(run("predict", "--model", md, "--data", d, "--out", p.toString(), "--overwrite").rc()).isZero();
    // the umask's permissions, as any file the user creates, not a temporary file's 0600
    Path plain = Files.createFile(dir.resolve("plain"));
    assertThat(Files.getPosixFilePermissions(p)).isEqualTo(Files.getPosixFilePermissions(plain));
    Path model = dir.resolve("perm-model");
    assertThat(run("convert", "--model", m, "--out", model.toString()).rc()).isZero();
    Path folder = Files.createDirectory(dir.resolve("plain-folder"));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(model)))
        .isEqualTo(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)));
    assertThat(Files.getPosixFilePermissions(model.resolve("model.json")))
        .isEqualTo(Files.getPosixFilePermissions(plain));
    Snapshot.assertNoTemporaries(dir, "after replacing");
  }

  @Test
  void theExitAndTheOneLineHoldInARealProcessAndForADot() throws Exception {
    Snapshot before = Snapshot.of(dir);
    // "--out ." in the folder that holds the data: the folder would be replaced
    ChildTwinnet dot = new ChildTwinnet(dir, "train", "--data", "d.csv", "--out", ".", "--overwrite");
    assertThat(dot.waitFor(60)).as(dot.output()).isEqualTo(2);
    ChildTwinnet predict = new ChildTwinnet(dir, "predict", "--model", "m", "--data", "d.csv", "--out", "d.csv");
    assertThat(predict.waitFor(60)).as(predict.output()).isEqualTo(2);
    for (ChildTwinnet c : List.of(dot, predict)) {
      List<String> lines = c.output().lines().filter(l -> !l.startsWith("WARNING")).toList();
      assertThat(lines).as(c.output()).hasSize(1);
      assertThat(lines.get(0)).startsWith("error: ").doesNotContain("Exception");
    }
    assertThat(dot.output()).contains("--out . holds the input");
    before.assertUnchanged("real processes");
  }

  static Stream<Arguments> tooLarge() throws IOException {
    String x = dir.resolve("x").toString();
    String xcsv = dir.resolve("x.csv").toString();
    Path wide = dir.resolve("wide.csv");
    if (!Files.exists(wide)) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < 150_000; i++) {
        sb.append(i == 0 ? "" : ",").append('c').append(i);
      }
      sb.append('\n');
      Files.writeString(wide, sb.toString() + sb.toString().replaceAll("c\\d+", "1"));
    }
    String deep = String.join(",", Collections.nCopies(150, "2"));
    Path deepCase = dir.resolve("deep.json");
    Files.writeString(deepCase, "{\"name\": \"deep\", \"data\": {\"generator\": \"seed_quadratic\"}, \"network\": "
        + "{\"layers\": [1," + String.join(",", Collections.nCopies(101, "2")) + ",1], \"hidden\": \"relu\", "
        + "\"output\": \"identity\"}, \"loss\": \"half_mse\", \"optimizer\": {\"learningRate\": 0.01}, \"steps\": 1}");
    return Stream.of(
        Arguments.of(new String[] {"train", "--data", d, "--hidden-layers", "100000,100000", "--out", x},
            "needs about"),
        Arguments.of(new String[] {"train", "--data", d, "--hidden-layers", deep, "--out", x}, "layers of weights"),
        Arguments.of(new String[] {"train", "--data", d, "--epochs", "2000000", "--out", x},
            "--epochs must be between 1 and 1000000"),
        Arguments.of(new String[] {"train", "--data", wide.toString(), "--out", x}, "at most 100000"),
        Arguments.of(new String[] {"compare", "--steps", "1000000000"}, "--steps must be between 1 and 1000000"),
        Arguments.of(new String[] {"compare", "--layers", "1,100000,100000,1"}, "needs about"),
        Arguments.of(new String[] {"compare", "--layers", "1," + deep + ",1"}, "at most 100"),
        Arguments.of(new String[] {"compare", "--data", "random", "--examples", "2000000000"}, "needs about"),
        Arguments.of(new String[] {"generate", "--rows", "99999999999", "--out", xcsv}, "would take about"),
        Arguments.of(new String[] {"generate", "--rows", "999999999999", "--out", xcsv}, "--rows must be between"),
        Arguments.of(new String[] {"generate", "--rows", "5", "--features", "1000000", "--out", xcsv},
            "--features must be between"),
        Arguments.of(new String[] {"run", deepCase.toString()}, "\"network.layers\" makes 102 layers"));
  }

  @ParameterizedTest
  @MethodSource("tooLarge")
  void everySizeAUserCanTypeIsBoundedBeforeAnyWork(String[] args, String message) {
    Snapshot before = Snapshot.of(dir);
    long t0 = System.nanoTime();
    run(args).assertOneLineError(message);
    assertThat((System.nanoTime() - t0) / 1e9).as("refused before the work").isLessThan(20);
    before.assertUnchanged(String.join(" ", args));
  }

  @Test
  void anOutOfMemoryErrorThatGetsPastTheEstimatesIsOneLineWithTheSize() {
    twinnet.io.Resources.requireMemory("a network of [1, 4, 1] on 10 examples", 100, "never");
    StringWriter err = new StringWriter();
    assertThat(Main.failure(new OutOfMemoryError("Java heap space"), new PrintWriter(err, true))).isEqualTo(2);
    assertThat(err.toString().strip().lines()).hasSize(1);
    assertThat(err.toString()).contains("out of memory with a network of [1, 4, 1] on 10 examples (about 800 bytes)",
        "-Xmx");
    // and a bug is still a bug: exit 3, said as such
    err.getBuffer().setLength(0);
    assertThat(Main.failure(new NullPointerException("x"), new PrintWriter(err, true))).isEqualTo(3);
    assertThat(err.toString()).contains("a bug in twinnet");
  }

  @Test
  void damagedModelsAndCheckpointsAreOneLineNamingTheFile() throws IOException {
    List<String[]> cases = new ArrayList<>();
    List<String> messages = new ArrayList<>();
    // truncated model.json
    Path t = copy(m, "truncated");
    Files.writeString(t.resolve("model.json"), Files.readString(t.resolve("model.json")).substring(0, 120));
    cases.add(new String[] {"evaluate", "--model", t.toString(), "--data", d});
    messages.add("truncated/model.json is not valid JSON at line");
    // weights.json of another shape
    Path w = copy(m, "weights");
    Files.writeString(w.resolve("weights.json"), Files.readString(w.resolve("weights.json"))
        .replaceFirst("\"W1\" : \\[ \\[", "\"W1\" : [ [ 1.0, "));
    cases.add(new String[] {"predict", "--model", w.toString(), "--data", d, "--out", dir.resolve("wp.csv").toString()});
    messages.add("weights/weights.json: \"W1\" must be 16×2");
    // a DL4J zip that does not match its model.json (layer sizes)
    Path z = copy(md, "zip");
    Files.writeString(z.resolve("model.json"), Files.readString(z.resolve("model.json"))
        .replace("\"layers\" : [ 2, 16, 16, 1 ]", "\"layers\" : [ 2, 8, 16, 1 ]"));
    cases.add(new String[] {"evaluate", "--model", z.toString(), "--data", d});
    messages.add("zip/model.zip: layer 1 is 2 → 16, but model.json describes 2 → 8");
    // not a zip at all
    Path j = copy(md, "junk");
    Files.writeString(j.resolve("model.zip"), "junk");
    cases.add(new String[] {"convert", "--model", j.toString(), "--out", dir.resolve("c").toString()});
    messages.add("junk/model.zip is not a DL4J model zip that can be read");
    // a field of the wrong type
    Path f = copy(m, "field");
    Files.writeString(f.resolve("model.json"), Files.readString(f.resolve("model.json"))
        .replace("\"hidden\" : \"relu\"", "\"hidden\" : 3"));
    cases.add(new String[] {"evaluate", "--model", f.toString(), "--data", d});
    messages.add("field/model.json: \"spec.hidden\" must be a string");
    // a truncated checkpoint
    Path c = dir.resolve("cp.checkpoint");
    Files.createDirectories(c);
    Files.writeString(c.resolve("checkpoint.json"), "{\"format\": \"twinnet.checkpoint/1\", \"settings\": {");
    cases.add(new String[] {"train", "--resume", dir.resolve("cp").toString()});
    messages.add("cp.checkpoint/checkpoint.json is not valid JSON");
    for (int i = 0; i < cases.size(); i++) {
      Snapshot before = Snapshot.of(dir);
      run(cases.get(i)).assertOneLineError(messages.get(i));
      before.assertUnchanged(messages.get(i));
    }
  }

  private static Path copy(String model, String name) throws IOException {
    Path to = dir.resolve(name);
    Files.createDirectories(to);
    try (Stream<Path> files = Files.list(Path.of(model))) {
      for (Path p : files.toList()) {
        Files.copy(p, to.resolve(p.getFileName()));
      }
    }
    return to;
  }

  @Test
  void badCellsUnderStreamAreNamedByLineAndColumn() throws IOException {
    String[][] files = {
        {"a,b,y\n1,2,3\n4,x,6\n", "line 3, column \"b\": \"x\" is not a number"},
        {"a,b,y\n1,2,3\n4,5\n", "line 3 has 2 cells but the header has 3"},
        {"a,b,y\n1,2,3\n4,5,6\n7,NaN,9\n", "line 4, column \"b\": NaN is not a finite number"},
        {"a,b,y\n1,2,3\n4,1e400,6\n", "line 3, column \"b\": 1e400 is not a finite number"}};
    for (String[] f : files) {
      Path p = dir.resolve("stream.csv");
      Files.writeString(p, f[0]);
      Snapshot before = Snapshot.of(dir);
      StringWriter err = new StringWriter();
      int rc = Main.execute(new String[] {"train", "--data", p.toString(), "--backend", "dl4j", "--stream", "--out",
          dir.resolve("s").toString()}, new PrintWriter(new StringWriter()), new PrintWriter(err, true));
      assertThat(rc).as(err.toString()).isEqualTo(2);
      String last = err.toString().strip().lines().reduce((a, b) -> b).orElse(""); // after the progress bar
      assertThat(last).startsWith("error: ").contains(f[1]).doesNotContain("learning rate");
      assertThat(err.toString()).doesNotContain("\tat ", "Exception");
      before.assertUnchanged(f[1]);
    }
  }

  @Test
  void silentSurprisesBecomeRefusals() throws IOException {
    Path dup = dir.resolve("dup.csv");
    Files.writeString(dup, "a,b,a\n1,2,3\n4,5,6\n");
    String x = dir.resolve("x").toString();
    run("train", "--data", dup.toString(), "--out", x).assertOneLineError("the column name \"a\" appears twice");
    run("train", "--data", d, "--features", "x1,y", "--targets", "y", "--out", x)
        .assertOneLineError("\"y\" is both a feature and a target");
    run("generate", "--rows", "5", "--noise", "NaN", "--out", x).assertOneLineError("--noise must be");
    run("compare", "--hidden", "leaky_relu", "--alpha", "NaN").assertOneLineError("--alpha must be a finite number");
    run("train", "--resume", m, "--lr", "0.1", "--epochs", "3").assertOneLineError("--lr, --epochs would be ignored");
    // a quoted header is standard CSV: accepted
    Path quoted = dir.resolve("quoted.csv");
    Files.writeString(quoted, "\"a\",\"b, c\",y\n1,2,3\n2,3,5\n3,4,7\n4,5,9\n5,6,11\n");
    Path qm = dir.resolve("qm");
    Snapshot.Ran ok = run("train", "--data", quoted.toString(), "--epochs", "1", "--out", qm.toString());
    assertThat(ok.rc()).as(ok.err()).isZero();
    assertThat(Files.readString(qm.resolve("model.json"))).contains("\"b, c\"");
  }

  @Test
  void resumingOnChangedDataIsRefused() throws Exception {
    Path data = dir.resolve("resume.csv");
    Files.copy(Path.of(d), data);
    Path out = dir.resolve("resumed");
    ChildTwinnet child = new ChildTwinnet("train", "--data", data.toString(), "--epochs", "100000", "--out",
        out.toString());
    child.awaitOutput("epochs", 60);
    assertThat(child.interrupt()).as(child.output()).isEqualTo(130);
    Files.writeString(data, Files.readString(data).replaceFirst("\n(-?\\d)", "\n9$1"));
    Snapshot before = Snapshot.of(dir);
    run("train", "--resume", out.toString()).assertOneLineError("resume.csv changed since the checkpoint was written");
    before.assertUnchanged("a refused resume");
  }
}
