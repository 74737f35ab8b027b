package twinnet.cases;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import twinnet.compare.Comparison;
import twinnet.compare.Diagnosis;
import twinnet.compare.Harness;
import twinnet.compare.ReluDiagnostics;
import twinnet.compare.SideBySide;
import twinnet.compare.TensorDiff;
import twinnet.data.Batches;
import twinnet.data.CsvData;
import twinnet.data.Dataset;
import twinnet.data.Datasets;
import twinnet.dl4j.Conventions;
import twinnet.dl4j.Dl4jNetwork;
import twinnet.model.Matrix;
import twinnet.model.Network;
import twinnet.model.Parameters;
import twinnet.scratch.ConvNetwork;
import twinnet.scratch.Initialization;
import twinnet.scratch.Linear;
import twinnet.scratch.ScratchNetwork;

/** Runs a {@link Case} with both backends on identical batches. */
public final class CaseRunner {
  private CaseRunner() {}

  /** The case's data, standardised as it asks: exactly what the networks are fed. */
  public static Dataset data(Case c) {
    Dataset d;
    if (c.data() instanceof Case.Generated g) {
      d = switch (g.generator()) {
        case "seed_quadratic" -> g.examples() == 20 ? Datasets.seedQuadratic() : quadratic(g.examples());
        case "random" -> Datasets.random(g.inputs(), g.outputs(), g.examples(), g.seed());
        case "random_classes" -> Datasets.randomClasses(g.inputs(), g.outputs(), g.examples(), g.seed());
        case "iris" -> Datasets.iris();
        case "images", "images_flat" -> Datasets.images(c.convs().height(), c.convs().width(), c.convs().channels(),
            g.outputs(), g.examples(), g.seed(), g.generator().equals("images") ? 0.1 : 0);
        default -> Datasets.randomBinary(g.inputs(), g.outputs(), g.examples(), g.seed());
      };
    } else if (c.data() instanceof Case.Csv csv) {
      d = CsvData.read(c.directory().resolve(csv.path()), csv.features(), csv.targets());
    } else {
      Case.Inline in = (Case.Inline) c.data();
      d = new Dataset("inline", in.x(), in.y());
    }
    if (c.standardizeInputs()) {
      d = new Dataset(d.name() + ", standardised x", Datasets.standardize(d.X()), d.Y());
    }
    if (c.standardizeTargets()) {
      d = new Dataset(d.name() + ", standardised y", d.X(), Datasets.standardize(d.Y()));
    }
    if (c.convs() != null) {
      if (d.X().rows() != c.convs().inputs()) {
        throw new IllegalArgumentException("\"network.input\" makes images of " + c.convs().inputs() + " values but "
            + "the data have " + d.X().rows() + " feature(s) an example; make height · width · channels "
            + d.X().rows());
      }
    } else if (d.X().rows() != c.spec().inputs()) {
      throw new IllegalArgumentException("\"network.layers\" starts with " + c.spec().inputs() + " inputs but the "
          + "data have " + d.X().rows() + " feature(s); make layers[0] " + d.X().rows());
    }
    if (d.Y().rows() != c.spec().outputs()) {
      throw new IllegalArgumentException("\"network.layers\" ends with " + c.spec().outputs() + " outputs but the "
          + "data have " + d.Y().rows() + " target(s); make the last layer " + d.Y().rows());
    }
    return d;
  }

  private static Dataset quadratic(int n) {
    double[] x = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = i;
      y[i] = 3.0 * i * i + 3.0 * i;
    }
    return new Dataset("y = 3x² + 3x, x = 0.." + (n - 1), Matrix.row(x), Matrix.row(y));
  }

  /** Checks everything about a case that can be checked before training (data included). */
  public static void validate(Case c) {
    data(c);
  }

  /** The case's initial weights: its explicit matrices, or drawn by the side it names from its seed. */
  public static Parameters initialParameters(Case c) {
    if (c.init() instanceof Case.Explicit e) {
      return e.parameters();
    }
    Case.Scheme s = (Case.Scheme) c.init();
    if (c.convs() != null) {
      return Initialization.forSpec(c.spec(), s.scheme(), s.seed()).withConvs(ConvNetwork.initializeConvs(c.convs(),
          s.scheme(), s.seed()));
    }
    return s.side().equals("dl4j")
        ? Dl4jNetwork.initializedByDl4j(c.spec(), s.scheme(), s.seed()).parameters()
        : Initialization.forSpec(c.spec(), s.scheme(), s.seed());
  }

  /** Runs the case; {@code progress} is told each finished step. A stop request ends it, naming the case. */
  public static CaseResult run(Case c, IntConsumer progress) {
    try {
      return runCase(c, progress);
    } catch (twinnet.io.Stop.Stopped e) {
      throw e.within("in case " + c.name());
    }
  }

  private static CaseResult runCase(Case c, IntConsumer progress) {
    if (c.convs() != null) {
      return runConvCase(c, progress);
    }
    long t0 = System.nanoTime();
    Dataset d = data(c);
    Parameters initial = initialParameters(c);
    twinnet.model.Optimizer rule = c.optimizer().rule();
    ScratchNetwork scratch = new ScratchNetwork(c.spec(), initial, rule);
    Dl4jNetwork twin = Dl4jNetwork.withParameters(c.spec(), initial, rule, d.examples());

    Network.Backprop s0 = scratch.backprop(d.X(), d.Y());
    Network.Backprop t0b = twin.backprop(d.X(), d.Y());
    Comparison atStart = Harness.compare(scratch, twin, d.X(), d.Y(), c.tol());
    ReluDiagnostics reluStart = relu(c, initial, d.X());

    Batches batches = new Batches(d, c.optimizer().batchSize(), c.optimizer().shuffleSeed());
    ProgressNetwork counted = new ProgressNetwork(scratch, progress, c.spec().hasDropout());
    SideBySide training = Harness.trainSideBySide(counted, twin, batches, c.optimizer().learningRate(), c.steps(),
        c.tol(), true);

    Parameters finalA = scratch.parameters();
    Parameters finalB = twin.parameters();
    boolean finite = finalA.isFinite() && finalB.isFinite();
    Matrix predA = finite ? scratch.predict(d.X()) : null;
    Matrix predB = finite ? twin.predict(d.X()) : null;
    ReluDiagnostics reluEnd = finalA.isFinite() ? relu(c, finalA, d.X()) : null;

    String status;
    if (training.status() == SideBySide.Status.BOTH_DIVERGED) {
      status = "both_diverged";
    } else {
      status = atStart.agrees() && training.agrees() ? "agree" : "disagree";
    }
    CaseResult.FirstDivergence first = null;
    List<String> diagnosis = new ArrayList<>();
    if (!atStart.agrees()) {
      TensorDiff f = atStart.firstMismatch().orElseThrow();
      first = new CaseResult.FirstDivergence(0, f.layer(), f.tensor(), f.relativeError(), "step 0, " +
          f.describe("scratch", "dl4j"));
      String p = tensorPattern(f.tensor(), s0, t0b, c, d);
      if (p != null) {
        diagnosis.add(p);
      }
    } else if (training.firstDivergence() != null) {
      SideBySide.Divergence f = training.firstDivergence();
      first = new CaseResult.FirstDivergence(f.step(), f.diff().layer(), f.diff().tensor(), f.diff().relativeError(),
          f.describe("scratch", "dl4j"));
    }
    if (!status.equals("agree")) {
      List<String> quirks = Quirks.confirmed(c, d, initial);
      diagnosis.addAll(quirks);
      if (quirks.isEmpty()) { // a confirmed quirk explains the parting; otherwise, read the training
        Parameters[] firstStep = firstStep(c, d, initial);
        diagnosis.addAll(Diagnosis.ofTraining(training, c.spec(), d.Y(), c.optimizer().learningRate(), initial,
            firstStep[0], firstStep[1]));
      }
      if (diagnosis.isEmpty()) {
        diagnosis.add("No known pattern: look at the first divergence above and compare that tensor's formula on "
            + "both sides.");
      }
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    CaseResult.Mapping mapping = new CaseResult.Mapping(Conventions.costScale(c.spec()),
        Conventions.dl4jLearningRate(c.spec(), c.optimizer().rule(), c.optimizer().learningRate()));
    boolean small = java.util.Arrays.stream(c.spec().layers()).max().orElse(0) <= CaseResult.STUDY_MAX_UNITS
        && d.examples() <= CaseResult.STUDY_MAX_EXAMPLES;
    return new CaseResult(c, d, initial, s0, t0b, atStart, training, finalA, finalB, predA, predB, reluStart,
        reluEnd, status, first, diagnosis, seconds, mapping,
        small ? new ScratchNetwork(c.spec(), initial).study(d.X(), d.Y()) : null,
        small ? Dl4jNetwork.withParameters(c.spec(), initial).study(d.X(), d.Y()) : null,
        c.spec().hasDropout() ? new CaseResult.DropoutMasks(counted.masks, masks(c.spec(), 0, d.X().cols()),
            training.steps()) : null, null);
  }

  /**
   * A case of a network with conv stages: the same harness on {@link ConvNetwork} and its twin; the dense networks'
   * ReLU diagnostics, study and training patterns are not made (their layers are the dense ones), DL4J's tied-maximum
   * difference is named when the numbers confirm it ({@link Quirks#tiedMaxima}).
   */
  private static CaseResult runConvCase(Case c, IntConsumer progress) {
    long t0 = System.nanoTime();
    Dataset d = data(c);
    Parameters initial = initialParameters(c);
    twinnet.model.Optimizer rule = c.optimizer().rule();
    ConvNetwork scratch = new ConvNetwork(c.convs(), c.spec(), initial, rule);
    Dl4jNetwork twin = Dl4jNetwork.withParameters(c.convs(), c.spec(), initial, rule, d.examples());
    Network.Backprop s0 = scratch.backprop(d.X(), d.Y());
    Network.Backprop t0b = twin.backprop(d.X(), d.Y());
    Comparison atStart = Harness.compare(scratch, twin, d.X(), d.Y(), c.tol());
    Batches batches = new Batches(d, c.optimizer().batchSize(), c.optimizer().shuffleSeed());
    SideBySide training = Harness.trainSideBySide(new ProgressNetwork(scratch, progress, false), twin, batches,
        c.optimizer().learningRate(), c.steps(), c.tol(), true);
    Parameters finalA = scratch.parameters();
    Parameters finalB = twin.parameters();
    boolean finite = finalA.isFinite() && finalB.isFinite();
    String status = training.status() == SideBySide.Status.BOTH_DIVERGED ? "both_diverged"
        : atStart.agrees() && training.agrees() ? "agree" : "disagree";
    CaseResult.FirstDivergence first = null;
    if (!atStart.agrees()) {
      TensorDiff f = atStart.firstMismatch().orElseThrow();
      first = new CaseResult.FirstDivergence(0, f.layer(), f.tensor(), f.relativeError(), "step 0, "
          + f.describe("scratch", "dl4j"));
    } else if (training.firstDivergence() != null) {
      SideBySide.Divergence f = training.firstDivergence();
      first = new CaseResult.FirstDivergence(f.step(), f.diff().layer(), f.diff().tensor(), f.diff().relativeError(),
          f.describe("scratch", "dl4j"));
    }
    List<String> diagnosis = new ArrayList<>();
    if (!status.equals("agree")) {
      diagnosis.addAll(Quirks.tiedMaxima(c, d, initial));
      if (diagnosis.isEmpty()) {
        diagnosis.add("No known pattern: look at the first divergence above and compare that tensor's formula on "
            + "both sides.");
      }
    }
    CaseResult.Mapping mapping = new CaseResult.Mapping(Conventions.costScale(c.spec()),
        Conventions.dl4jLearningRate(c.spec(), rule, c.optimizer().learningRate()));
    return new CaseResult(c, d, initial, s0, t0b, atStart, training, finalA, finalB, finite ? scratch.predict(d.X())
        : null, finite ? twin.predict(d.X()) : null, convRelu(c, initial, d.X()), finalA.isFinite() ? convRelu(c,
            finalA, d.X()) : null, status, first, diagnosis,
        (System.nanoTime() - t0) / 1e9, mapping, null, null, null, convStudy(c, initial, d.X()));
  }

  /**
   * Study mode's feature maps and filters at the initial weights, on the first examples: each stage's output from
   * both sides and each conv's filters (DL4J's read back from its parameters); null where they would take more than
   * {@link CaseResult#CONV_STUDY_MAX_NUMBERS} numbers.
   */
  static CaseResult.ConvStudy convStudy(Case c, Parameters p, Matrix X) {
    int m = Math.min(CaseResult.CONV_STUDY_EXAMPLES, X.cols());
    long numbers = 0;
    for (int[] s : c.convs().shapes()) {
      numbers += (long) m * s[0] * s[1] * s[2] * 2;
    }
    if (numbers > CaseResult.CONV_STUDY_MAX_NUMBERS) {
      return null;
    }
    Matrix few = X.columns(0, m);
    ConvNetwork.Forward f = new ConvNetwork(c.convs(), c.spec(), p, twinnet.model.Optimizer.GD).forward(few);
    Dl4jNetwork twin = Dl4jNetwork.withParameters(c.convs(), c.spec(), p, twinnet.model.Optimizer.GD, m);
    List<String> names = new ArrayList<>();
    List<twinnet.model.Tensor4> maps = new ArrayList<>();
    for (int i = 0; i < c.convs().stages().size(); i++) {
      names.add(twinnet.model.ConvStack.describe(c.convs().stages().get(i)));
      maps.add(f.stages().get(i).A());
    }
    List<twinnet.model.Tensor4> filters = p.convs().stream().map(Parameters.ConvLayer::W).toList();
    List<twinnet.model.Tensor4> dl4jFilters = twin.parameters().convs().stream().map(Parameters.ConvLayer::W).toList();
    return new CaseResult.ConvStudy(twinnet.model.Tensor4.unflattenExamples(few, c.convs().height(), c.convs()
        .width(), c.convs().channels()), names, maps, twin.stageOutputs(few), filters, dl4jFilters);
  }

  /** Where ReLU clamps in a network with conv stages: its conv stages' filters and its dense layers' units. */
  private static ReluDiagnostics convRelu(Case c, Parameters p, Matrix X) {
    ConvNetwork.Forward f = new ConvNetwork(c.convs(), c.spec(), p, twinnet.model.Optimizer.GD).forward(X);
    List<twinnet.model.Activation> acts = new ArrayList<>();
    List<twinnet.model.Tensor4> Z = new ArrayList<>();
    for (int i = 0; i < f.stages().size(); i++) {
      if (f.stages().get(i).conv() != null) {
        acts.add(((twinnet.model.ConvStack.Conv) c.convs().stages().get(i)).activation());
        Z.add(f.stages().get(i).conv().Z());
      }
    }
    return ReluDiagnostics.of(c.spec(), f.pass().caches().stream().map(Linear.Cache::Z).toList(), Z.size(), acts, Z);
  }

  private static String tensorPattern(String tensor, Network.Backprop a, Network.Backprop b, Case c, Dataset d) {
    Matrix ta;
    Matrix tb;
    if (tensor.equals("AL")) {
      ta = a.AL();
      tb = b.AL();
    } else if (tensor.equals("cost")) {
      return null;
    } else {
      int l = Integer.parseInt(tensor.substring(2));
      ta = tensor.startsWith("dW") ? a.grads().dW(l) : a.grads().db(l);
      tb = tensor.startsWith("dW") ? b.grads().dW(l) : b.grads().db(l);
    }
    return Diagnosis.pattern(tensor, ta, tb, c.spec(), d.examples());
  }

  /** Parameters after one step on the first batch, on each side, from the same start. */
  private static Parameters[] firstStep(Case c, Dataset d, Parameters initial) {
    Batches.Batch b = new Batches(d, c.optimizer().batchSize(), c.optimizer().shuffleSeed()).next();
    ScratchNetwork s = new ScratchNetwork(c.spec(), initial, c.optimizer().rule());
    Dl4jNetwork t = Dl4jNetwork.withParameters(c.spec(), initial, c.optimizer().rule(), d.examples());
    s.step(b.X(), b.Y(), c.optimizer().learningRate());
    t.step(b.X(), b.Y(), c.optimizer().learningRate());
    return new Parameters[] {s.parameters(), t.parameters()};
  }

  private static ReluDiagnostics relu(Case c, Parameters p, Matrix X) {
    List<Matrix> Z = new ScratchNetwork(c.spec(), p).lModelForward(X).caches().stream().map(Linear.Cache::Z).toList();
    return ReluDiagnostics.of(c.spec(), Z);
  }

  /** D^[l] of every hidden layer at step {@code step} for a batch of m examples (null where none is dropped). */
  private static List<Matrix> masks(twinnet.model.NetworkSpec spec, long step, int m) {
    List<Matrix> out = new ArrayList<>();
    for (int l = 1; l < spec.depth(); l++) {
      out.add(spec.dropout().drops(l) ? spec.dropout().mask(step, l, spec.size(l), m) : null);
    }
    return out;
  }

  /**
   * Passes everything to the scratch network, reports each finished step, and keeps the dropout masks of
   * each step (the scratch network draws them from the same function; at most MAX_MASK_NUMBERS entries).
   */
  private static final class ProgressNetwork implements Network {
    private final Network inner;
    private final IntConsumer progress;
    private final boolean dropout;
    private final List<List<Matrix>> masks = new ArrayList<>();
    private long maskNumbers;
    private int steps;

    ProgressNetwork(Network inner, IntConsumer progress, boolean dropout) {
      this.inner = inner;
      this.progress = progress;
      this.dropout = dropout;
    }

    @Override
    public String name() {
      return inner.name();
    }

    @Override
    public twinnet.model.NetworkSpec spec() {
      return inner.spec();
    }

    @Override
    public Backprop backprop(Matrix X, Matrix Y) {
      return inner.backprop(X, Y);
    }

    @Override
    public double step(Matrix X, Matrix Y, double learningRate) {
      int hiddenUnits = java.util.Arrays.stream(spec().layers(), 1, spec().depth()).sum();
      if (dropout && masks.size() == steps && maskNumbers + (long) hiddenUnits * X.cols() <= CaseResult.MAX_MASK_NUMBERS) {
        masks.add(masks(spec(), steps, X.cols()));
        maskNumbers += (long) hiddenUnits * X.cols();
      }
      double cost = inner.step(X, Y, learningRate);
      progress.accept(++steps);
      return cost;
    }

    @Override
    public Matrix predict(Matrix X) {
      return inner.predict(X);
    }

    @Override
    public Parameters parameters() {
      return inner.parameters();
    }

    @Override
    public void setParameters(Parameters p) {
      inner.setParameters(p);
    }
  }
}
