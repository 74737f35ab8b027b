package twinnet.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.datavec.api.records.reader.impl.csv.CSVRecordReader;
import org.datavec.api.split.FileSplit;
import org.datavec.api.writable.Writable;
import org.deeplearning4j.datasets.datavec.RecordReaderDataSetIterator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import twinnet.dl4j.Conventions;
import twinnet.dl4j.Dl4jNetwork;
import twinnet.model.Network;
import twinnet.model.NetworkSpec;
import twinnet.model.Parameters;
import twinnet.scratch.Initialization;

/**
 * The DL4J backend on CSV files larger than memory: DataVec reads them batch by batch, in double
 * precision (a reader that declines DataVec's batched path, which converts to float), the validation
 * rows are chosen row by row from the seed, the standardisation is fitted in one streaming pass over the
 * training rows ({@code NormalizerStandardize}), and each epoch reads the file once, in order.
 */
public final class StreamingTrainer {
  private StreamingTrainer() {}

  static {
    // DataVec's record-by-record path builds arrays of ND4J's default type: without this, FLOAT (a test
    // pins that the batches are DOUBLE)
    org.nd4j.linalg.factory.Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
  }

  /** Whether row {@code row} is a validation row: a hash of (seed, row), so every pass agrees. */
  public static boolean isValidation(long seed, long row, double share) {
    long z = seed * 0x9E3779B97F4A7C15L + row;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z ^= z >>> 31;
    return (z >>> 11) * 0x1.0p-53 < share;
  }

  /**
   * A CSV reader that keeps doubles and passes on only the training, or only the validation, rows. Every
   * row is checked as it is read (one cell per column, each a finite number), and the error names the line
   * and the column, as in-memory training does. While {@link #interruptible} is set (the passes that are
   * not training steps), Ctrl-C stops the reading.
   */
  static final class SplitReader extends CSVRecordReader {
    private final Path file;
    private final List<String> columns;
    private final long seed;
    private final double share;
    private final boolean validationRows;
    private long row;
    private List<Writable> pending;
    String interruptible;

    SplitReader(Path file, List<String> columns, long seed, double share, boolean validationRows) {
      super(1, ','); // skip the header line
      this.file = file;
      this.columns = columns;
      this.seed = seed;
      this.share = share;
      this.validationRows = validationRows;
    }

    @Override
    public boolean batchesSupported() {
      return false; // DataVec's batched path hard-codes FLOAT
    }

    @Override
    public boolean hasNext() {
      while (pending == null && super.hasNext()) {
        List<Writable> r = super.next();
        check(r);
        if (isValidation(seed, row++, share) == validationRows) {
          pending = r;
        }
        if (interruptible != null && (row & 0x3FF) == 0) {
          twinnet.io.Stop.check(interruptible);
        }
      }
      return pending != null;
    }

    /** One finite number per column, or the error with the line (the header is line 1) and the column. */
    private void check(List<Writable> r) {
      long line = lineIndex;
      if (r.size() != columns.size()) {
        throw new IllegalArgumentException(file + ": line " + line + " has " + r.size() + " cells but the header has "
            + columns.size() + "; every row needs one value per column");
      }
      for (int c = 0; c < r.size(); c++) {
        twinnet.data.CsvData.number(file, line, columns.get(c), r.get(c).toString().trim());
      }
    }

    @Override
    public List<Writable> next() {
      if (!hasNext()) {
        throw new java.util.NoSuchElementException();
      }
      List<Writable> r = pending;
      pending = null;
      return r;
    }

    @Override
    public void reset() {
      super.reset();
      row = 0;
      pending = null;
    }
  }

  /** An iterator over the training (or validation) rows, and the reader under it. */
  record Rows(RecordReaderDataSetIterator it, SplitReader reader) {}

  static Rows iterator(Path csv, List<String> columns, int nx, int ny, int batch, long seed, double share,
      boolean validation) {
    SplitReader rr = new SplitReader(csv, columns, seed, share, validation);
    try {
      rr.initialize(new FileSplit(csv.toFile()));
    } catch (IOException | InterruptedException e) {
      throw new IllegalArgumentException(csv + ": cannot read it (" + e.getMessage() + ")");
    }
    RecordReaderDataSetIterator it = new RecordReaderDataSetIterator(rr, batch, nx, nx + ny - 1, true);
    it.setCollectMetaData(false);
    return new Rows(it, rr);
  }

  /** {@link #train(TrainSettings, Path, List, List, Trainer.Progress, Trainer.Control)} of a run. */
  public static Trainer.Trained train(Checkpoints.Run run, Trainer.Progress progress, Trainer.Control control) {
    return train(run.settings(), run.dataPath(), run.features(), run.targets(), progress, control);
  }

  /** Streams the training rows once per epoch through DL4J; features first, targets last in the file. */
  public static Trainer.Trained train(TrainSettings s, Path csv, List<String> features, List<String> targets,
      Trainer.Progress progress) {
    return train(s, csv, features, targets, progress, Trainer.Control.NONE);
  }

  /**
   * As above, with checkpoints every {@code control.every()} epochs and on {@code control.stop()} (after the
   * step it happens at); resuming refits the standardisation (the same pass over the same rows gives the
   * same statistics) and skips the batches the checkpoint's epoch has already fitted.
   */
  public static Trainer.Trained train(TrainSettings s, Path csv, List<String> features, List<String> targets,
      Trainer.Progress progress, Trainer.Control control) {
    if (s.backend() != Backend.DL4J) {
      throw new IllegalArgumentException("streaming is the dl4j backend's: use --backend dl4j with --stream");
    }
    if (s.optimizer().l2() > 0) {
      throw new IllegalArgumentException("--stream does not take --l2: DL4J's l2 coefficient is fixed for one batch "
          + "size, and a streamed epoch's last batch is shorter; train in memory (without --stream) for L2");
    }
    int nx = features.size();
    int ny = targets.size();
    List<String> columns = new java.util.ArrayList<>(features);
    columns.addAll(targets);
    Rows trainRows = iterator(csv, columns, nx, ny, s.batchSize(), s.seed(), s.validation(), false);
    Rows valRows = iterator(csv, columns, nx, ny, s.batchSize(), s.seed(), s.validation(), true);
    RecordReaderDataSetIterator train = trainRows.it();
    RecordReaderDataSetIterator val = valRows.it();
    NormalizerStandardize norm = new NormalizerStandardize();
    norm.fitLabel(!s.loss().classifier()); // a classifier's labels stay as they are
    trainRows.reader().interruptible = "fitting the standardisation (the first pass over " + csv + ")";
    valRows.reader().interruptible = "looking for validation rows in " + csv;
    norm.fit(train); // one streaming pass over the training rows
    trainRows.reader().interruptible = null;
    train.setPreProcessor(norm);
    val.setPreProcessor(norm);
    boolean hasValidation = s.validation() > 0 && hasRows(val);

    NetworkSpec spec = s.spec(nx, ny);
    Trainer.State rs = control.resume();
    Parameters start = Initialization.forSpec(spec, s.init(), s.seed());
    Dl4jNetwork twin = rs != null ? (Dl4jNetwork) rs.network()
        : Dl4jNetwork.withParameters(spec, start, s.optimizer(), s.batchSize());
    twin.setCourseLearningRate(s.learningRate());
    RunHistory history = new RunHistory(rs, start);
    int best = new EpochLoop(s, progress, control, history).run(new EpochLoop.Fitter() {
      @Override
      public Network network() {
        return twin;
      }

      @Override
      public EpochLoop.Fit fitEpoch(int e, int firstStep, double lossSum, EpochLoop.Step after) {
        train.reset();
        double sum = lossSum;
        int steps = 0;
        for (; steps < firstStep && train.hasNext(); steps++) {
          train.next(); // fitted before the checkpoint
        }
        while (train.hasNext()) {
          twin.dl4j().fit(train.next());
          double cost = Conventions.costFromScore(spec, twin.dl4j().score());
          sum += cost;
          after.after(++steps, -1, sum, cost); // (which stops the run on a cost that is not finite)
        }
        return new EpochLoop.Fit(steps, sum);
      }

      @Override
      public Metrics[] evaluate(int e) {
        trainRows.reader().interruptible = "evaluating epoch " + e;
        valRows.reader().interruptible = "evaluating epoch " + e;
        try {
          return new Metrics[] {StreamingTrainer.evaluate(twin, train, norm),
              hasValidation ? StreamingTrainer.evaluate(twin, val, norm) : Metrics.NONE};
        } finally {
          trainRows.reader().interruptible = null;
          valRows.reader().interruptible = null;
        }
      }

      @Override
      public boolean validated() {
        return hasValidation;
      }
    });
    Standardizer std = s.loss().classifier()
        ? new Standardizer(vec(norm.getMean()), vec(norm.getStd()), new double[ny], ones(ny))
        : new Standardizer(vec(norm.getMean()), vec(norm.getStd()), vec(norm.getLabelMean()), vec(norm.getLabelStd()));
    return new Trainer.Trained(s, spec, twin, std, features, targets, history.epochs(), best);
  }

  private static boolean hasRows(RecordReaderDataSetIterator it) {
    it.reset();
    return it.hasNext();
  }

  private static double[] ones(int n) {
    double[] v = new double[n];
    java.util.Arrays.fill(v, 1.0);
    return v;
  }

  private static double[] vec(INDArray a) {
    return a.castTo(DataType.DOUBLE).toDoubleVector();
  }

  /** MSE, MAE, R² over every row an iterator gives, in the targets' units, in one pass (one accumulator). */
  static Metrics evaluate(Dl4jNetwork twin, RecordReaderDataSetIterator it, NormalizerStandardize norm) {
    it.reset();
    Metrics.Accumulator acc = null;
    while (it.hasNext()) {
      DataSet ds = it.next();
      INDArray pred = twin.dl4j().output(ds.getFeatures(), false).dup();
      INDArray y = ds.getLabels().dup();
      if (norm.isFitLabel()) {
        norm.revertLabels(pred);
        norm.revertLabels(y);
      }
      if (acc == null) {
        acc = new Metrics.Accumulator((int) y.size(1));
      }
      // read element by element: ND4J's toDoubleMatrix() copies each row into a new native array, which made
      // the two metric passes four times as slow as the epoch's training (7.2 s an epoch instead of 1.6)
      acc.add(Conventions.toCourseData(pred), Conventions.toCourseData(y));
    }
    return acc == null ? Metrics.NONE : acc.metrics();
  }
}
