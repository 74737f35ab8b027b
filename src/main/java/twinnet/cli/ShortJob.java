package twinnet.cli;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.management.ObjectName;

/**
 * The settings of the main job, the seed's study: a fixed job of a few seconds, which a JVM tuned for long runs
 * spends partly on its own bookkeeping (docs/performance.md has the measurements). Only the process's own main
 * job asks for them (not {@code Main.execute}, which the tests call); train, bench and the others keep the
 * defaults.
 */
final class ShortJob {
  private ShortJob() {}

  /** The compiler directive that keeps HotSpot's optimising compiler (C2) from compiling anything. */
  static final String C1_ONLY = "[{match: \"*.*\", c2: {Exclude: true}}]";

  /** Whether a command line runs the main job: no arguments, or {@code study} and its options. */
  static boolean isMainJob(String[] args) {
    return Main.withDefault(args)[0].equals("study");
  }

  /** Applies both settings; call it first thing, before ND4J loads. */
  static void tune() {
    // ND4J registers every array it creates with a service that frees its native memory once Java's GC has
    // collected the array (a weak reference in a map keyed by a string built per array): about a quarter of
    // the study threads' profile samples, its arrays being tiny. The study's arrays are few and small and its
    // process ends in seconds: it runs without the service (its peak resident memory measured no higher). What
    // it allocates natively is then kept until the process ends, so this holds for a job of fixed size only.
    if (System.getProperty("org.nd4j.noarraygc") == null) {
      System.setProperty("org.nd4j.noarraygc", "true");
    }
    // C1 only: C2 recompiles hot methods with more optimisation, which in a job this short costs more than it
    // saves (~4.5 s of CPU of the study's ~15 on 2 cores). Close to -XX:TieredStopAtLevel=1 (hot methods still
    // get C1's profiled code first, then C1's plain code once C2 refuses them; what C2 compiled before the
    // directive arrives stays), set from inside so that the README's plain command gets it; in a thread of its
    // own (JMX takes ~0.2 s to start).
    Thread t = new Thread(() -> {
      if (tiered()) {
        compileWithC1Only();
      }
    }, "short-job-jit");
    t.setDaemon(true);
    t.start();
  }

  /**
   * Whether this JVM compiles with both C1 and C2 (the default): with only C2 (-XX:-TieredCompilation, or
   * CompilationMode high-only), excluding C2 would leave the interpreter alone, many times slower.
   */
  static boolean tiered() {
    try {
      var vm = ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
      if (!Boolean.parseBoolean(vm.getVMOption("TieredCompilation").getValue())) {
        return false;
      }
      try {
        return !vm.getVMOption("CompilationMode").getValue().startsWith("high-only");
      } catch (IllegalArgumentException e) {
        return true; // a JVM without the option
      }
    } catch (RuntimeException | LinkageError e) {
      return false; // not HotSpot: leave its compilers alone
    }
  }

  /**
   * Adds {@link #C1_ONLY} through the JVM's diagnostic command (what {@code jcmd PID Compiler.directives_add}
   * does); false where the JVM does not offer it, and the job then runs as it is.
   */
  static boolean compileWithC1Only() {
    Path f = null;
    try {
      f = Files.createTempFile("twinnet-jit", ".json");
      Files.writeString(f, C1_ONLY);
      Object added = ManagementFactory.getPlatformMBeanServer().invoke(
          new ObjectName("com.sun.management:type=DiagnosticCommand"), "compilerDirectivesAdd",
          new Object[] {new String[] {f.toString()}}, new String[] {String[].class.getName()});
      return String.valueOf(added).contains("1 compiler directives added");
    } catch (Exception | LinkageError e) {
      return false;
    } finally {
      if (f != null) {
        try {
          Files.deleteIfExists(f);
        } catch (java.io.IOException e) {
          f.toFile().deleteOnExit();
        }
      }
    }
  }
}
