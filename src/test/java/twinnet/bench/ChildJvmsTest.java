package twinnet.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The numpy anchor runs at its best: without this machine's OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE, with glibc keeping
 * the memory it frees; the JVM children keep the environment.
 */
class ChildJvmsTest {
  static Map<String, String> machine() {
    Map<String, String> env = new HashMap<>(Map.of("OPENBLAS_CORETYPE", "Haswell", "OPENBLAS_L2_SIZE", "512",
        "PATH", "/usr/bin", "OMP_NUM_THREADS", "16"));
    return env;
  }

  @Test
  void theAnchorLosesTheCoreTypeAndTheL2SizeAndRunsOnTheBenchThreads() {
    Map<String, String> env = machine();
    ChildJvms.environment(env, 2, ChildJvms.ANCHOR_UNSET, ChildJvms.ANCHOR_SET);
    assertThat(env).doesNotContainKeys("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE").containsEntry("PATH", "/usr/bin")
        .containsEntry("OPENBLAS_NUM_THREADS", "2").containsEntry("OMP_NUM_THREADS", "2")
        .containsEntry("MALLOC_TRIM_THRESHOLD_", "4294967295").containsEntry("MALLOC_MMAP_THRESHOLD_", "4294967295");
  }

  @Test
  void theJvmChildrenKeepTheEnvironmentDl4jWasMeasuredWith() {
    Map<String, String> env = machine();
    ChildJvms.environment(env, 1, List.of(), Map.of());
    assertThat(env).containsEntry("OPENBLAS_CORETYPE", "Haswell").containsEntry("OMP_NUM_THREADS", "1")
        .doesNotContainKey("MALLOC_TRIM_THRESHOLD_");
  }
}
