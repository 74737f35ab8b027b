package twinnet.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code twinnet [study|run|compare]}: with no arguments, runs the seed's study. */
@Command(name = "twinnet", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = "Trains a from-scratch dense network and its DL4J twin side by side and compares them.",
    subcommands = {StudyCommand.class, RunCommand.class, CompareCommand.class, BenchCommand.class,
        TrainCommands.Train.class, TrainCommands.Predict.class, TrainCommands.Evaluate.class,
        TrainCommands.Convert.class, TrainCommands.Generate.class})
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
    cli.setParameterExceptionHandler((ex, a) -> {
      err.println("error: " + ex.getMessage());
      err.println("Run 'twinnet " + (ex.getCommandLine().getCommandName().equals("twinnet") ? "" : "compare ")
          + "--help' for the options.");
      return BAD_INPUT;
    });
    cli.setExecutionExceptionHandler((ex, c, parsed) -> {
      if (ex instanceof IllegalArgumentException) {
        err.println("error: " + ex.getMessage());
        return BAD_INPUT;
      }
      err.println("error: unexpected failure: " + ex);
      return 3;
    });
    return cli.execute(withDefault(args));
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
