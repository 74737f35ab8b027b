package twinnet.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import twinnet.cases.Case;
import twinnet.cases.CaseParser;
import twinnet.cases.CaseResult;
import twinnet.cases.CaseRunner;

/**
 * The same case and seed give bit-identical results: the scratch network on every run and from any
 * thread (it keeps no shared state), DL4J on every run at a fixed thread count (the tests run it with
 * OMP_NUM_THREADS=1, set in the pom).
 */
class DeterminismTest {
  private static final Case CASE = CaseParser.read(Path.of("compare/minibatch-sgd-shuffled.json"));

  private static void assertBitIdentical(CaseResult a, CaseResult b) {
    assertThat(b.training().costA()).containsExactly(a.training().costA());
    assertThat(b.finalScratch()).isEqualTo(a.finalScratch()); // Matrix equality is exact
    assertThat(b.training().costB()).containsExactly(a.training().costB());
    assertThat(b.finalDl4j()).isEqualTo(a.finalDl4j());
  }

  @Test
  void twoRunsAreBitIdenticalOnBothSides() {
    assertBitIdentical(CaseRunner.run(CASE, s -> { }), CaseRunner.run(CASE, s -> { }));
  }

  @Test
  void theScratchNetworkGivesTheSameBitsFromConcurrentThreads() throws Exception {
    CaseResult reference = CaseRunner.run(CASE, s -> { });
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<CaseResult>> runs = List.of(pool.submit(() -> CaseRunner.run(CASE, s -> { })),
          pool.submit(() -> CaseRunner.run(CASE, s -> { })));
      for (Future<CaseResult> f : runs) {
        CaseResult r = f.get();
        assertThat(r.training().costA()).containsExactly(reference.training().costA());
        assertThat(r.finalScratch()).isEqualTo(reference.finalScratch());
      }
    } finally {
      pool.shutdown();
    }
  }
}
