package twinnet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import twinnet.model.Activation;
import twinnet.model.Loss;

/** --hidden, --output, --loss and --lr are declared once (ModelOptions) for check, compare and train. */
class ModelOptionsTest {
  static final List<String> SHARED = List.of("--hidden", "--output", "--loss", "--lr");

  @Test
  void everyCommandThatDescribesAModelTakesTheOptionsFromTheMixin() {
    CommandLine root = new CommandLine(new Main());
    for (String command : List.of("check", "compare", "train")) {
      for (String name : SHARED) {
        OptionSpec o = root.getSubcommands().get(command).getCommandSpec().findOption(name);
        assertThat(o).as(command + " " + name).isNotNull();
        assertThat(((Field) o.userObject()).getDeclaringClass()).as(command + " " + name).isEqualTo(ModelOptions.class);
      }
    }
    // and nowhere else: no other command or mixin declares one of them
    for (var sub : root.getSubcommands().entrySet()) {
      for (OptionSpec o : sub.getValue().getCommandSpec().options()) {
        if (SHARED.contains(o.longestName())) {
          assertThat(((Field) o.userObject()).getDeclaringClass()).isEqualTo(ModelOptions.class);
        }
      }
    }
  }

  @Test
  void oneSetOfDefaultsAndCheckStartsFromTheCoursesNetwork() {
    CheckCommand check = new CheckCommand();
    new CommandLine(check).parseArgs("x.py");
    CompareCommand compare = new CompareCommand();
    new CommandLine(compare).parseArgs();
    TrainCommand train = new TrainCommand();
    new CommandLine(train).parseArgs("--data", "d.csv", "--out", "m");
    for (ModelOptions o : List.of(compare.model, train.model)) {
      assertThat(List.of(o.hidden, o.output, o.loss)).containsExactly(Activation.RELU, Activation.IDENTITY,
          Loss.HALF_MSE);
    }
    assertThat(List.of(check.model.hidden, check.model.output, check.model.loss)).containsExactly(Activation.RELU,
        Activation.SIGMOID, Loss.BCE);
    new CommandLine(train).parseArgs("--data", "d.csv", "--out", "m", "--hidden", "tanh", "--lr", "0.2");
    assertThat(train.model.hidden).isEqualTo(Activation.TANH);
    assertThat(train.model.learningRate(0.001)).isEqualTo(0.2);
  }
}
