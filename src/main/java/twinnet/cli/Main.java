package twinnet.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import twinnet.io.Cleanup;
import twinnet.io.Outputs;
import twinnet.io.Resources;
import twinnet.io.Stop;

/** {@code twinnet [study|run|compare]}: with no arguments, runs the seed's study. */
@Command(name = "twinnet", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = "Trains a from-scratch dense network and its DL4J twin side by side and compares them.",
    subcommands = {StudyCommand.class, RunCommand.class, CompareCommand.class, BenchCommand.class,
        TrainCommand.class, PredictCommand.class, EvaluateCommand.class, ConvertCommand.class,
        GenerateCommand.class, CheckCommand.class})
public final class Main implements Runnable {

  /** Exit status for bad input: a clear message, no stack trace. */
  public static final int BAD_INPUT = 2;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    // Reached only with top-level options and no subcommand: show what there is.
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static void main(String[] args) {
    System.setProperty("java.awt.headless", "true");
    // JavaCPP checks the process's resident memory (reading /proc) at every native allocation when this is
    // set, which made DL4J's tiny steps several times slower and serialised them across threads; twinnet
    // bounds its runs itself (twinnet.io.Resources), so the check is off unless the user sets it
    if (System.getProperty("org.bytedeco.javacpp.maxPhysicalBytes") == null) {
      System.setProperty("org.bytedeco.javacpp.maxPhysicalBytes", "0");
    }
    Stop.installHandlers();
    if (ShortJob.isMainJob(args)) {
      ShortJob.tune();
    }
    System.exit(execute(args));
  }

  /** Runs the command line and returns the exit status (0 agree, 1 disagree, 2 bad input). */
  public static int execute(String[] args) {
    return execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
  }

  public static int execute(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new Main());
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionStrategy(new CommandLine.RunLast());
    cli.setParameterExceptionHandler((ex, a) -> { // one line: the problem, then where the options are told
      String name = ex.getCommandLine().getCommandName();
      err.println("error: " + ex.getMessage().strip() + " (twinnet " + (name.equals("twinnet") ? "" : name + " ")
          + "--help lists the options)");
      return BAD_INPUT;
    });
    cli.setExecutionExceptionHandler((ex, c, parsed) -> failure(ex, err));
    Cleanup.begin();
    try {
      return cli.execute(withDefault(args));
    } catch (OutOfMemoryError e) {
      err.println("error: " + Resources.outOfMemory());
      return BAD_INPUT;
    } finally {
      Cleanup.end();
    }
  }

  /**
   * The exit status and the one line for a failure: what a user can cause (bad input, a file that cannot be
   * read or written, a run too large for the memory) is exit 2 with its sentence; Ctrl-C is 130 and SIGTERM 143,
   * with the line that says where it stopped; only a bug is exit 3.
   */
  static int failure(Throwable ex, PrintWriter err) {
    if (ex instanceof Stop.Stopped) {
      err.println(ex.getMessage());
      return Stop.exitStatus();
    }
    if (ex instanceof IllegalArgumentException) {
      err.println("error: " + ex.getMessage());
      return BAD_INPUT;
    }
    if (ex instanceof java.io.UncheckedIOException u) {
      ex = u.getCause();
    }
    if (ex instanceof java.io.IOException io) {
      err.println("error: " + (io instanceof java.nio.file.FileSystemException f && f.getFile() != null
          ? f.getFile() + ": " : "") + Outputs.reason(io));
      return BAD_INPUT;
    }
    if (ex instanceof OutOfMemoryError) {
      err.println("error: " + Resources.outOfMemory());
      return BAD_INPUT;
    }
    err.println("error: unexpected failure (a bug in twinnet; please report it with the command): " + ex);
    return 3;
  }

  /** No arguments means the default main job, the seed's study. */
  static String[] withDefault(String[] args) {
    return args.length == 0 ? new String[] {"study"} : args;
  }

  /** The version from the jar's manifest, and DL4J's. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"twinnet " + (v == null ? "(development build)" : v) + ", DL4J 1.0.0-M2.1"};
    }
  }
}
