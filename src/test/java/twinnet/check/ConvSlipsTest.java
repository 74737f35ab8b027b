package twinnet.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import twinnet.cli.Main;

/**
 * The convolution notebook's causes that its example files do not show (examples/learners/c4w1-conv-step-by-step
 * holds ten): each a one-line change of that folder's correct.py, which {@code check} must find wrong at its function
 * and name. Together with {@link CatalogueExamplesTest} every slip the notebook's check tries is caught once on a
 * learner's numpy. Needs a python3 with numpy (.ci/run installs it).
 */
class ConvSlipsTest {
  static final Path CORRECT = Path.of("examples/learners/c4w1-conv-step-by-step/correct.py");

  @TempDir
  Path dir;

  static Stream<Arguments> slips() {
    return Stream.of(
        Arguments.of("zero_pad", "(pad, pad), (pad, pad), (0, 0)), mode", "(0, pad), (0, pad), (0, 0)), mode",
            "the padding is on one side only"),
        Arguments.of("conv_single_step", "Z = Z + float(np.squeeze(b))", "Z = Z", "Z lacks the bias"),
        Arguments.of("conv_single_step", "Z = np.sum(s)", "Z = np.mean(s)", "the mean of the products"),
        Arguments.of("conv_forward", "biases = b[:, :, :, c]", "biases = b[:, :, :, 0]",
            "every channel adds the first channel's bias"),
        Arguments.of("conv_forward", "Z[i, h, w, c] = conv_single_step(a_slice_prev, weights, biases)",
            "Z[i, h, w, c] = conv_single_step(a_slice_prev, weights, 0 * biases)", "Z lacks the biases"),
        Arguments.of("conv_forward", "cache = (A_prev, W, b, hparameters)\n    return Z, cache",
            "cache = (A_prev, W, b, hparameters)\n    return np.maximum(Z, 0), cache", "Z is ReLU(Z)"),
        Arguments.of("conv_forward", "n_H = int((n_H_prev - f + 2 * pad) / stride) + 1",
            "n_H = int((n_H_prev - f + 2 * pad) / stride)", "without the + 1"),
        Arguments.of("conv_forward", "cache = (A_prev, W, b, hparameters)\n    return Z, cache",
            "cache = (A_prev_pad, W, b, hparameters)\n    return Z, cache", "the cache holds the padded A_prev"),
        Arguments.of("pool_forward", "            vert_start = h * stride\n            vert_end = vert_start + f\n"
            + "            for w in range(n_W):\n                horiz_start = w * stride\n                horiz_end = "
            + "horiz_start + f\n                for c in range(n_C):\n                    a_prev_slice",
            "            vert_start = h\n            vert_end = vert_start + f\n            for w in range(n_W):\n"
            + "                horiz_start = w\n                horiz_end = horiz_start + f\n                for c in "
            + "range(n_C):\n                    a_prev_slice", "A is what windows starting at (h, w) give"),
        Arguments.of("pool_forward", "n_H = int(1 + (n_H_prev - f) / stride)", "n_H = int(1 + (n_H_prev - f))",
            "the stride left out"),
        Arguments.of("conv_backward", "                    vert_start = h * stride\n                    vert_end = "
            + "vert_start + f\n                    horiz_start = w * stride\n                    horiz_end = horiz_start "
            + "+ f\n                    a_slice", "                    vert_start = h\n                    vert_end = "
            + "vert_start + f\n                    horiz_start = w\n                    horiz_end = horiz_start + f\n"
            + "                    a_slice", "the gradients are those of windows starting at (h, w)"),
        Arguments.of("conv_backward", "dA_prev[i, :, :, :] = da_prev_pad[pad:pad + n_H_prev, pad:pad + n_W_prev, :]"
            + "\n    return dA_prev, dW, db", "dA_prev[i, :, :, :] = da_prev_pad[pad:pad + n_H_prev, pad:pad + n_W_prev,"
            + " :]\n    return dA_prev, dW / m, db", "dW is divided by m"),
        Arguments.of("conv_backward", "dA_prev[i, :, :, :] = da_prev_pad[pad:pad + n_H_prev, pad:pad + n_W_prev, :]"
            + "\n    return dA_prev, dW, db", "dA_prev[i, :, :, :] = da_prev_pad[pad:pad + n_H_prev, pad:pad + n_W_prev,"
            + " :]\n    return dA_prev_pad, dW, db", "dA_prev keeps the padding"),
        Arguments.of("create_mask_from_window", "mask = (x == np.max(x))", "mask = (x == np.min(x))",
            "the mask marks the minimum"),
        Arguments.of("create_mask_from_window", "mask = (x == np.max(x))", "mask = (x == np.max(x)) * x",
            "the mask holds x's value"),
        Arguments.of("distribute_value", "average = dz / (n_H * n_W)", "average = dz", "not divided"),
        Arguments.of("pool_backward", "                        mask = create_mask_from_window(a_prev_slice)",
            "                        mask = np.zeros(a_prev_slice.shape)\n                        mask[np.unravel_index("
            + "np.argmax(a_prev_slice), mask.shape)] = 1", "only the first gets the gradient"),
        Arguments.of("pool_backward", "distribute_value(da, shape)", "da", "average pooling's gradient is 4 times"),
        Arguments.of("pool_backward", "                    if mode == \"max\":\n                        a_prev_slice",
            "                    if True:\n                        a_prev_slice", "the mode is not followed"),
        Arguments.of("pool_backward", "                    vert_start = h * stride\n                    vert_end = "
            + "vert_start + f\n                    horiz_start = w * stride\n                    horiz_end = horiz_start "
            + "+ f\n                    if mode", "                    vert_start = h\n                    vert_end = "
            + "vert_start + f\n                    horiz_start = w\n                    horiz_end = horiz_start + f\n"
            + "                    if mode", "the gradient goes to windows starting at (h, w)"));
  }

  @ParameterizedTest(name = "{0}: {3}")
  @MethodSource("slips")
  void eachSlipIsNamedAtItsFunction(String function, String right, String slip, String cause) throws IOException {
    String source = Files.readString(CORRECT);
    assertThat(source).as("correct.py holds the line the slip changes").contains(right);
    Path file = dir.resolve("slip.py");
    Files.writeString(file, source.replace(right, slip));
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    int rc = Main.execute(new String[] {"check", file.toString(), "--out", dir.resolve("out").toString()},
        new PrintWriter(o, true), new PrintWriter(e, true));
    assertThat(rc).as(o + "\n" + e).isEqualTo(1);
    JsonNode r = ExamplesTest.M.readTree(dir.resolve("out/check/slip/check.json").toFile());
    assertThat(r.get("firstWrongFunction").asText()).as(o.toString()).isEqualTo(function);
    for (JsonNode f : r.get("functions")) {
      if (f.get("name").asText().equals(function)) {
        assertThat(f.get("diagnosis").get(0).asText()).as(f.toPrettyString()).contains(cause);
      }
    }
  }
}
