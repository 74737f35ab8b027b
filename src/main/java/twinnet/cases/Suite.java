package twinnet.cases;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The case files of one {@code run}, read and checked before anything runs: each parses, its data read
 * and checked, the names distinct (their reports would collide), and with Spark workers each comparable
 * on one machine. Bad input stops the run before anything is written.
 */
public final class Suite {
  private Suite() {}

  /** The parsed cases, in order; and the files they read (the case files and their CSV data). */
  public record Read(List<Case> cases, List<Path> inputs) {}

  /**
   * @param sparkWorkers 0, or the workers of a distributed check
   * @param averagingFrequencies the distributed check's averaging frequencies
   */
  public static Read read(List<Path> files, int sparkWorkers, List<Integer> averagingFrequencies) {
    List<Case> parsed = new ArrayList<>();
    List<Path> inputs = new ArrayList<>(files);
    for (Path p : files) {
      Case c = CaseParser.read(p);
      try {
        int m = CaseRunner.data(c).examples(); // the data read and checked
        if (sparkWorkers > 0) {
          averagingFrequencies.forEach(f -> DistributedResult.requireComparable(c, m, sparkWorkers, f));
        }
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(p + ": " + e.getMessage(), e);
      }
      if (parsed.stream().anyMatch(x -> x.name().equals(c.name()))) {
        throw new IllegalArgumentException(p + ": another case is also named \"" + c.name() + "\"; reports would "
            + "collide");
      }
      parsed.add(c);
      if (c.data() instanceof Case.Csv csv) {
        inputs.add(c.directory().resolve(csv.path()));
      }
    }
    return new Read(parsed, inputs);
  }
}
