package twinnet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The main job's settings take effect, each checked in a child JVM (the test JVM keeps its defaults): the
 * compiler directive is accepted and excludes C2 from every method (a directive that does not parse would fail
 * silently: the job would just run slower), ND4J's array GC is off, and the job as a user starts it runs clean.
 */
class ShortJobTest {

  /** The child: applies the settings as Main.main does, then prints what the JVM has. */
  public static final class Probe {
    public static void main(String[] args) throws Exception {
      ShortJob.tune();
      for (Thread t : Thread.getAllStackTraces().keySet()) {
        if (t.getName().equals("short-job-jit")) {
          t.join(30_000);
        }
      }
      System.out.println("noarraygc: " + System.getProperty("org.nd4j.noarraygc"));
      System.out.println(ManagementFactory.getPlatformMBeanServer().invoke(
          new ObjectName("com.sun.management:type=DiagnosticCommand"), "compilerDirectivesPrint",
          new Object[] {new String[0]}, new String[] {String[].class.getName()}));
    }
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static String run(Path dir, List<String> cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).directory(dir == null ? null : dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }

  @Test
  void theSettingsAreTheMainJobsOnly() {
    assertThat(ShortJob.isMainJob(new String[0])).isTrue();
    assertThat(ShortJob.isMainJob(new String[] {"study", "--out", "x"})).isTrue();
    assertThat(ShortJob.isMainJob(new String[] {"train", "--data", "d.csv"})).isFalse();
    assertThat(ShortJob.isMainJob(new String[] {"bench"})).isFalse();
  }

  @Test
  void theDirectiveExcludesC2FromEveryMethodAndTheArrayGcIsOff() throws Exception {
    String out = run(null, List.of(java(), "-cp", System.getProperty("java.class.path"), Probe.class.getName()));
    assertThat(out).contains("noarraygc: true");
    // the first directive printed is the one on top of the stack: ours, before the JVM's default
    assertThat(out).contains("Directive: (default)");
    String ours = out.substring(out.indexOf("Directive:"), out.indexOf("Directive: (default)"));
    assertThat(ours).contains("matching: *.*");
    String c2 = ours.substring(ours.indexOf("c2 directives:"));
    assertThat(c2).contains("Exclude:true");
    String c1 = ours.substring(ours.indexOf("c1 directives:"), ours.indexOf("c2 directives:"));
    assertThat(List.of(c1.split("\\s+"))).contains("Exclude:false");
  }

  @Test
  void withC2AloneTheDirectiveIsNotAdded() throws Exception {
    String out = run(null, List.of(java(), "-XX:-TieredCompilation", "-cp", System.getProperty("java.class.path"),
        Probe.class.getName()));
    assertThat(out).doesNotContain("Exclude:true");
  }

  /**
   * The main job as a user starts it (the README's command: no arguments, the Vector API module, Main.main): it
   * finishes as expected, writes its page, and says nothing about ND4J's array GC being off, which is on purpose.
   */
  @Test
  void theMainJobRunsWithItsSettingsAndQuietly(@TempDir Path dir) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(java()));
    cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> a.startsWith("--add-modules") || a.startsWith("--add-opens")).toList());
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
    String out = run(dir, cmd);
    assertThat(out).doesNotContain("WARN ").doesNotContain("garbage collection").contains("Report: ");
    assertThat(dir.resolve("out/seed-study/index.html")).isNotEmptyFile();
  }
}
