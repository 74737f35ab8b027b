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

  /**
   * The parsed cases, in order; the recurrent ones (files with a top-level "recurrent"), in order; and the files
   * they read (the case files and their CSV data).
   */
  public record Read(List<Case> cases, List<RecurrentCase> recurrent, List<Path> inputs) {}

  /**
   * @param sparkWorkers 0, or the workers of a distributed check
   * @param averagingFrequencies the distributed check's averaging frequencies
   */
  public static Read read(List<Path> files, int sparkWorkers, List<Integer> averagingFrequencies) {
    List<Case> parsed = new ArrayList<>();
    List<RecurrentCase> recurrent = new ArrayList<>();
    List<Path> inputs = new ArrayList<>(files);
    java.util.Set<String> names = new java.util.HashSet<>();
    for (Path p : files) {
      if (p.getFileName() != null && p.getFileName().toString().endsWith(".schema.json")) {
        continue; // the format's schema beside the cases (compare/*.json takes it in): not a case
      }
      Object any = CaseParser.readAny(p);
      String name = any instanceof Case dense ? dense.name() : ((RecurrentCase) any).name();
      if (!names.add(name)) {
        throw new IllegalArgumentException(p + ": another case is also named \"" + name + "\"; reports would "
            + "collide");
      }
      if (any instanceof RecurrentCase r) {
        if (sparkWorkers > 0) {
          throw new IllegalArgumentException(p + ": a recurrent case trains on one machine; run it without "
              + "--spark-workers");
        }
        recurrent.add(r);
        if (r.data() instanceof RecurrentCase.Text t && t.file() != null) {
          inputs.add(t.file());
        }
        continue;
      }
      Case c = (Case) any;
      try {
        int m = CaseRunner.data(c).examples(); // the data read and checked
        if (sparkWorkers > 0) {
          averagingFrequencies.forEach(f -> DistributedResult.requireComparable(c, m, sparkWorkers, f));
        }
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(p + ": " + e.getMessage(), e);
      }
      parsed.add(c);
      if (c.data() instanceof Case.Csv csv) {
        inputs.add(c.directory().resolve(csv.path()));
      }
    }
    if (parsed.isEmpty() && recurrent.isEmpty()) {
      throw new IllegalArgumentException("no case among " + files + ": a *.schema.json file describes the format "
          + "(compare/README.md), a case file is any other .json");
    }
    return new Read(parsed, recurrent, inputs);
  }
}
