package twinnet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The main job's JIT setting takes effect: the directive is accepted by this JVM and excludes C2 from every
 * method. Checked in a child JVM (the test JVM keeps C2), since a directive that fails to parse is otherwise
 * silent: the job would simply run slower.
 */
class ShortJobTest {

  /** The child: adds the directive, then prints whether it took and the JVM's directive stack. */
  public static final class Probe {
    public static void main(String[] args) throws Exception {
      System.out.println("added: " + ShortJob.compileWithC1Only());
      System.out.println(ManagementFactory.getPlatformMBeanServer().invoke(
          new ObjectName("com.sun.management:type=DiagnosticCommand"), "compilerDirectivesPrint",
          new Object[] {new String[0]}, new String[] {String[].class.getName()}));
    }
  }

  /**
   * The main job as a user starts it (no arguments, Main.main, so with its settings): it finishes as expected,
   * writes its page, and says nothing on the terminal about ND4J's array GC being off, which is on purpose.
   */
  @Test
  void theMainJobRunsWithItsSettingsAndQuietly(@TempDir Path dir) throws Exception {
    ChildTwinnet child = new ChildTwinnet(dir);
    int rc = child.waitFor(180);
    assertThat(child.output()).doesNotContain("WARN ").doesNotContain("garbage collection").contains("Report: ");
    assertThat(rc).as(child.output()).isZero();
    assertThat(dir.resolve("out/seed-study/index.html")).isNotEmptyFile();
  }

  @Test
  void theDirectiveExcludesC2FromEveryMethod() throws Exception {
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        System.getProperty("java.class.path"), Probe.class.getName()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(out).contains("added: true");
    // the first directive printed is the one on top of the stack: ours, before the JVM's default
    String ours = out.substring(out.indexOf("Directive:"), out.indexOf("Directive: (default)"));
    assertThat(ours).contains("matching: *.*");
    String c2 = ours.substring(ours.indexOf("c2 directives:"));
    assertThat(c2).contains("Exclude:true");
    String c1 = ours.substring(ours.indexOf("c1 directives:"), ours.indexOf("c2 directives:"));
    assertThat(List.of(c1.split("\\s+"))).contains("Exclude:false");
  }
}
