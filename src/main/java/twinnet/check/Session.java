package twinnet.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import twinnet.model.Matrix;

/**
 * The learner's process for the whole check: calls go to it, and when one of its functions does not answer within
 * the time limit (an endless loop, a wait for input), that call is that function's verdict ({@link TimedOut}),
 * the process is started again, and the check goes on with the other functions.
 */
final class Session implements AutoCloseable {
  private final Supplier<Bridge> start;
  private Bridge bridge;
  private final List<String> chatter = new ArrayList<>();

  /** A function that did not answer within the limit; the check goes on with a fresh process. */
  static final class TimedOut extends RuntimeException {
    final long seconds;

    TimedOut(String function, long seconds) {
      super(function + " did not answer within " + seconds + " s");
      this.seconds = seconds;
    }
  }

  /** {@code first}: the process already started; {@code start} starts another after a timeout. */
  Session(Bridge first, Supplier<Bridge> start) {
    this.start = start;
    this.bridge = first;
  }

  /** The hello of the first process: the protocol, what the file defines. */
  JsonNode hello() {
    return bridge.hello();
  }

  Bridge.Reply call(String function, List<JsonNode> args) {
    return call(function, args, null, null, null);
  }

  Bridge.Reply call(String function, List<JsonNode> args, ObjectNode kwargs, ObjectNode replace) {
    return call(function, args, kwargs, replace, null);
  }

  /** Calls {@code function}; {@code seed}, when not null, seeds the learner's random generator just before. */
  Bridge.Reply call(String function, List<JsonNode> args, ObjectNode kwargs, ObjectNode replace, Long seed) {
    if (bridge == null) { // the previous process was stopped after a timeout
      bridge = start.get();
    }
    try {
      return bridge.call(function, args, kwargs, replace, seed);
    } catch (Bridge.Timeout t) {
      chatter.addAll(bridge.chatter());
      bridge.close();
      bridge = null;
      throw new TimedOut(function, t.seconds());
    }
  }

  /**
   * numpy's own draws, as the course's code makes them after {@code np.random.seed(seed)}: for each request in
   * order, {@code randn} of a shape, {@code rand} of a shape, or a {@code permutation} of n (n × 1). The
   * learner's random numbers are numpy's; twinnet reads them instead of reproducing numpy's generator. Null when
   * the program does not offer them (a program of its own through --exec).
   */
  List<Matrix> draws(long seed, List<Draw> requests) {
    ArrayNode list = Bridge.JSON.createArrayNode();
    for (Draw d : requests) {
      ArrayNode r = list.addArray().add(d.kind());
      for (int n : d.shape()) {
        r.add(n);
      }
    }
    Bridge.Reply reply = call("__draws__", List.of(Bridge.JSON.getNodeFactory().numberNode(seed), list));
    if (!reply.ok() || !reply.result().isArray() || reply.result().size() != requests.size()) {
      return null;
    }
    List<Matrix> out = new ArrayList<>();
    for (int i = 0; i < requests.size(); i++) {
      if (!Values.isArray(reply.result().get(i))) {
        return null;
      }
      out.add(Values.matrix(reply.result().get(i)));
    }
    return out;
  }

  /** One of numpy's draws: "randn" or "rand" with a shape (rows, cols), or "permutation" with {n}. */
  record Draw(String kind, int... shape) {
    static Draw randn(int rows, int cols) {
      return new Draw("randn", rows, cols);
    }

    static Draw rand(int rows, int cols) {
      return new Draw("rand", rows, cols);
    }

    static Draw permutation(int n) {
      return new Draw("permutation", n);
    }
  }

  /** What the learner's code printed on standard output, outside the protocol. */
  List<String> chatter() {
    List<String> out = new ArrayList<>(chatter);
    if (bridge != null) {
      out.addAll(bridge.chatter());
    }
    return out;
  }

  @Override
  public void close() {
    if (bridge != null) {
      bridge.close();
    }
  }
}
