package twinnet.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import twinnet.cases.Case;
import twinnet.cases.CaseParser;
import twinnet.cases.CaseRunner;
import twinnet.compare.Comparison;
import twinnet.compare.Diagnosis;
import twinnet.compare.Harness;
import twinnet.compare.SideBySide;
import twinnet.compare.TensorDiff;
import twinnet.data.Batches;
import twinnet.data.Dataset;
import twinnet.dl4j.Dl4jNetwork;
import twinnet.model.Network;
import twinnet.model.Parameters;

/**
 * twinnet's harness as a test library for your own Java {@link Network}, in AssertJ's style:
 *
 * <pre>
 *   TwinAssertions.assertThat(myNetwork).agreesWithTwin(CaseParser.read(Path.of("compare/deep-tanh.json")));
 * </pre>
 *
 * Your network is set to the case's initial weights and compared with its DL4J twin on the case's data:
 * the cost, AL and every gradient at the start, then the cost and every parameter after every step of
 * the case's training (your {@link Network#step} against DL4J's updater), to the case's tolerances. A
 * failure is an {@link AssertionError} whose message names the step, layer and tensor, both values, the
 * relative error and, when the numbers show one, the cause.
 */
public final class TwinAssertions {
  private TwinAssertions() {}

  public static NetworkAssert assertThat(Network actual) {
    return new NetworkAssert(actual);
  }

  /** The assertions on one network. */
  public static final class NetworkAssert {
    private final Network actual;

    NetworkAssert(Network actual) {
      this.actual = actual;
    }

    /** As {@link #agreesWithTwin(Case)}, for a case file (compare/*.json, see compare/README.md). */
    public NetworkAssert agreesWithTwin(Path caseFile) {
      return agreesWithTwin(CaseParser.read(caseFile));
    }

    /** Your network agrees with its DL4J twin on the case: at the start, and after every step of its training. */
    public NetworkAssert agreesWithTwin(Case kase) {
      if (!actual.spec().equals(kase.spec())) {
        throw new AssertionError("your network is " + actual.spec() + " but case " + kase.name() + " describes "
            + kase.spec() + ": compare like with like");
      }
      Dataset d = CaseRunner.data(kase);
      Parameters initial = CaseRunner.initialParameters(kase);
      actual.setParameters(initial);
      Dl4jNetwork twin = Dl4jNetwork.withParameters(kase.spec(), initial, kase.optimizer().rule(), d.examples());
      String where = "case " + kase.name() + " (" + d.name() + ", " + kase.spec() + ")";
      Comparison atStart = Harness.compare(actual, twin, d.X(), d.Y(), kase.tol());
      if (!atStart.agrees()) {
        TensorDiff f = atStart.firstMismatch().orElseThrow();
        List<String> why = new ArrayList<>();
        Network.Backprop a = actual.backprop(d.X(), d.Y());
        Network.Backprop b = twin.backprop(d.X(), d.Y());
        if (f.tensor().startsWith("dW") || f.tensor().startsWith("db")) {
          int l = f.layer();
          String p = Diagnosis.pattern(f.tensor(), f.tensor().startsWith("dW") ? a.grads().dW(l) : a.grads().db(l),
              f.tensor().startsWith("dW") ? b.grads().dW(l) : b.grads().db(l), kase.spec(), d.examples());
          if (p != null) {
            why.add(p);
          }
        }
        why.addAll(Diagnosis.knownDifferences(kase.spec(), b.AL()));
        throw new AssertionError("expected " + actual.name() + " to agree with its DL4J twin on " + where + ", but at "
            + "step 0 " + f.describe("yours", "twin") + (why.isEmpty() ? "" : "\ncause: " + String.join(" ", why)));
      }
      Batches batches = new Batches(d, kase.optimizer().batchSize(), kase.optimizer().shuffleSeed());
      SideBySide t = Harness.trainSideBySide(actual, twin, batches, kase.optimizer().learningRate(), kase.steps(),
          kase.tol(), true);
      if (!t.agrees()) {
        List<String> why = new ArrayList<>(Diagnosis.ofTraining(t, kase.spec(), d.Y(),
            kase.optimizer().learningRate(), initial, null, null));
        why.addAll(Diagnosis.knownDifferences(kase.optimizer().rule()));
        String at = t.firstDivergence() != null ? t.firstDivergence().describe("yours", "twin")
            : t.faults().isEmpty() ? t.status().toString() : t.faults().get(0).describe();
        throw new AssertionError("expected " + actual.name() + " to agree with its DL4J twin on " + where + " over "
            + kase.steps() + " steps, but they part at " + at + (why.isEmpty() ? "" : "\ncause: "
            + String.join(" ", why)));
      }
      return this;
    }
  }
}
