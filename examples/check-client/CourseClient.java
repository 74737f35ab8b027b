import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The course's L-layer network (course 1, week 4) in plain Java, speaking twinnet's check protocol
 * (docs/check-protocol.md) on standard input and output: an example of checking an implementation that is
 * not Python. One file, no dependencies; run it with the JDK's source launcher:
 *
 * <pre>
 *   java -jar target/twinnet.jar check --exec "java examples/check-client/CourseClient.java"
 *   java -jar target/twinnet.jar check --exec "java examples/check-client/CourseClient.java --bug db-not-summed"
 * </pre>
 *
 * Arrays are double[rows][cols] with examples in columns, as in the course. {@code --bug} plants one of the
 * learners' mistakes (db-not-summed, update-plus), for trying the check out.
 */
public class CourseClient {
  static String bug = "";

  public static void main(String[] args) throws IOException {
    if (args.length == 2 && args[0].equals("--bug")) {
      bug = args[1];
    }
    PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    System.setOut(System.err); // anything else printed goes to standard error, not into the protocol
    out.println("{\"hello\": \"twinnet.check/1\", \"language\": \"java " + Runtime.version().feature()
        + "\", \"defines\": [\"relu\", \"sigmoid\", \"relu_backward\", \"sigmoid_backward\", "
        + "\"initialize_parameters_deep\", \"linear_forward\", \"linear_activation_forward\", \"L_model_forward\", "
        + "\"compute_cost\", \"linear_backward\", \"linear_activation_backward\", \"L_model_backward\", "
        + "\"update_parameters\", \"L_layer_model\"]}");
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line; (line = in.readLine()) != null; ) {
      if (line.isBlank()) {
        continue;
      }
      Map<?, ?> req = (Map<?, ?>) new Json(line).value();
      Object id = req.get("id");
      String call = (String) req.get("call");
      if ("__exit__".equals(call)) {
        break;
      }
      List<?> a = req.get("args") == null ? List.of() : (List<?>) req.get("args");
      Map<?, ?> kwargs = req.get("kwargs") == null ? Map.of() : (Map<?, ?>) req.get("kwargs");
      Map<?, ?> replace = req.get("replace") == null ? Map.of() : (Map<?, ?>) req.get("replace");
      String response;
      try {
        Object result = dispatch(call, a, kwargs, replace);
        response = "{\"id\": " + Json.write(id) + ", \"ok\": true, \"result\": " + Json.write(result) + "}";
      } catch (RuntimeException e) {
        response = "{\"id\": " + Json.write(id) + ", \"ok\": false, \"error\": {\"type\": "
            + Json.write(e.getClass().getSimpleName()) + ", \"message\": " + Json.write(String.valueOf(e.getMessage()))
            + "}}";
      }
      out.println(response);
    }
  }

  static Object dispatch(String call, List<?> a, Map<?, ?> kwargs, Map<?, ?> replace) {
    switch (call) {
      case "relu": {
        double[][] Z = m(a.get(0));
        return List.of(map(Z, z -> Math.max(0, z)), Z);
      }
      case "sigmoid": {
        double[][] Z = m(a.get(0));
        return List.of(map(Z, z -> 1 / (1 + Math.exp(-z))), Z);
      }
      case "relu_backward":
        return reluBackward(m(a.get(0)), m(a.get(1)));
      case "sigmoid_backward":
        return sigmoidBackward(m(a.get(0)), m(a.get(1)));
      case "initialize_parameters_deep":
        return initializeParametersDeep(ints(a.get(0)));
      case "linear_forward": {
        double[][] A = m(a.get(0));
        double[][] W = m(a.get(1));
        double[][] b = m(a.get(2));
        return List.of(linearForward(A, W, b), List.of(A, W, b));
      }
      case "linear_activation_forward":
        return linearActivationForward(m(a.get(0)), m(a.get(1)), m(a.get(2)), (String) a.get(3));
      case "L_model_forward":
        return lModelForward(m(a.get(0)), (Map<?, ?>) a.get(1));
      case "compute_cost":
        return computeCost(m(a.get(0)), m(a.get(1)));
      case "linear_backward":
        return linearBackward(m(a.get(0)), (List<?>) a.get(1));
      case "linear_activation_backward":
        return linearActivationBackward(m(a.get(0)), (List<?>) a.get(1), (String) a.get(2));
      case "L_model_backward":
        return lModelBackward(m(a.get(0)), m(a.get(1)), (List<?>) a.get(2));
      case "update_parameters":
        return updateParameters((Map<?, ?>) a.get(0), (Map<?, ?>) a.get(1), ((Number) a.get(2)).doubleValue());
      case "L_layer_model": {
        Map<?, ?> init = (Map<?, ?>) replace.get("initialize_parameters_deep");
        double lr = kwargs.get("learning_rate") == null ? 0.0075 : ((Number) kwargs.get("learning_rate")).doubleValue();
        int n = kwargs.get("num_iterations") == null ? 3000 : ((Number) kwargs.get("num_iterations")).intValue();
        return lLayerModel(m(a.get(0)), m(a.get(1)), ints(a.get(2)), lr, n, init);
      }
      default:
        throw new IllegalArgumentException(call + " is not defined");
    }
  }

  // ---- the course's functions ----

  /** W[l] ~ N(0, 1)·0.01, b[l] = 0, from a fixed seed (the course seeds with 3). */
  static Map<String, Object> initializeParametersDeep(int[] dims) {
    Random r = new Random(3);
    Map<String, Object> p = new LinkedHashMap<>();
    for (int l = 1; l < dims.length; l++) {
      double[][] W = new double[dims[l]][dims[l - 1]];
      for (double[] row : W) {
        for (int j = 0; j < row.length; j++) {
          row[j] = 0.01 * r.nextGaussian();
        }
      }
      p.put("W" + l, W);
      p.put("b" + l, new double[dims[l]][1]);
    }
    return p;
  }

  // Z = W·A + b
  static double[][] linearForward(double[][] A, double[][] W, double[][] b) {
    double[][] Z = dot(W, A);
    for (int i = 0; i < Z.length; i++) {
      for (int j = 0; j < Z[0].length; j++) {
        Z[i][j] += b[i][0];
      }
    }
    return Z;
  }

  // A = g(W·A_prev + b); cache = ((A_prev, W, b), Z)
  static List<Object> linearActivationForward(double[][] A, double[][] W, double[][] b, String activation) {
    double[][] Z = linearForward(A, W, b);
    double[][] out = switch (activation) {
      case "relu" -> map(Z, z -> Math.max(0, z));
      case "sigmoid" -> map(Z, z -> 1 / (1 + Math.exp(-z)));
      default -> throw new IllegalArgumentException("unknown activation " + activation);
    };
    return List.of(out, List.of(List.of(A, W, b), Z));
  }

  // ReLU for layers 1..L−1, sigmoid for L
  static List<Object> lModelForward(double[][] X, Map<?, ?> p) {
    int L = p.size() / 2;
    List<Object> caches = new ArrayList<>();
    double[][] A = X;
    for (int l = 1; l <= L; l++) {
      List<?> f = linearActivationForward(A, m(p.get("W" + l)), m(p.get("b" + l)), l < L ? "relu" : "sigmoid");
      A = (double[][]) f.get(0);
      caches.add(f.get(1));
    }
    return List.of(A, caches);
  }

  // J = −1/m · Σ (Y·log(AL) + (1 − Y)·log(1 − AL))
  static double computeCost(double[][] AL, double[][] Y) {
    double s = 0;
    for (int i = 0; i < Y.length; i++) {
      for (int j = 0; j < Y[0].length; j++) {
        s += Y[i][j] * Math.log(AL[i][j]) + (1 - Y[i][j]) * Math.log(1 - AL[i][j]);
      }
    }
    return -s / Y[0].length;
  }

  // dW = 1/m · dZ·A_prevᵀ;  db = 1/m · Σ_columns dZ;  dA_prev = Wᵀ·dZ
  static List<Object> linearBackward(double[][] dZ, List<?> cache) {
    double[][] A = m(cache.get(0));
    double[][] W = m(cache.get(1));
    int m = A[0].length;
    double[][] dW = map(dot(dZ, transpose(A)), v -> v / m);
    double[][] db = new double[dZ.length][bug.equals("db-not-summed") ? m : 1];
    for (int i = 0; i < dZ.length; i++) {
      for (int j = 0; j < m; j++) {
        if (bug.equals("db-not-summed")) {
          db[i][j] = dZ[i][j] / m;
        } else {
          db[i][0] += dZ[i][j] / m;
        }
      }
    }
    return List.of(dot(transpose(W), dZ), dW, db);
  }

  static double[][] reluBackward(double[][] dA, double[][] Z) {
    double[][] dZ = new double[Z.length][Z[0].length];
    for (int i = 0; i < Z.length; i++) {
      for (int j = 0; j < Z[0].length; j++) {
        dZ[i][j] = Z[i][j] > 0 ? dA[i][j] : 0;
      }
    }
    return dZ;
  }

  static double[][] sigmoidBackward(double[][] dA, double[][] Z) {
    double[][] dZ = new double[Z.length][Z[0].length];
    for (int i = 0; i < Z.length; i++) {
      for (int j = 0; j < Z[0].length; j++) {
        double s = 1 / (1 + Math.exp(-Z[i][j]));
        dZ[i][j] = dA[i][j] * s * (1 - s);
      }
    }
    return dZ;
  }

  static List<Object> linearActivationBackward(double[][] dA, List<?> cache, String activation) {
    double[][] Z = m(cache.get(1));
    double[][] dZ = switch (activation) {
      case "relu" -> reluBackward(dA, Z);
      case "sigmoid" -> sigmoidBackward(dA, Z);
      default -> throw new IllegalArgumentException("unknown activation " + activation);
    };
    return linearBackward(dZ, (List<?>) cache.get(0));
  }

  // dAL = −(Y/AL − (1 − Y)/(1 − AL)); grads "dA{l−1}", "dW{l}", "db{l}"
  static Map<String, Object> lModelBackward(double[][] AL, double[][] Y, List<?> caches) {
    int L = caches.size();
    double[][] dAL = new double[AL.length][AL[0].length];
    for (int i = 0; i < AL.length; i++) {
      for (int j = 0; j < AL[0].length; j++) {
        dAL[i][j] = -(Y[i][j] / AL[i][j] - (1 - Y[i][j]) / (1 - AL[i][j]));
      }
    }
    Map<String, Object> grads = new LinkedHashMap<>();
    double[][] dA = dAL;
    for (int l = L; l >= 1; l--) {
      List<?> g = linearActivationBackward(dA, (List<?>) caches.get(l - 1), l == L ? "sigmoid" : "relu");
      grads.put("dA" + (l - 1), g.get(0));
      grads.put("dW" + l, g.get(1));
      grads.put("db" + l, g.get(2));
      dA = (double[][]) g.get(0);
    }
    return grads;
  }

  // W ← W − α·dW, b ← b − α·db
  static Map<String, Object> updateParameters(Map<?, ?> p, Map<?, ?> grads, double lr) {
    double sign = bug.equals("update-plus") ? -1 : 1;
    Map<String, Object> out = new LinkedHashMap<>();
    for (int l = 1; l <= p.size() / 2; l++) {
      double[][] W = m(p.get("W" + l));
      double[][] dW = m(grads.get("dW" + l));
      double[][] b = m(p.get("b" + l));
      double[][] db = m(grads.get("db" + l));
      out.put("W" + l, zip(W, dW, (w, d) -> w - sign * lr * d));
      out.put("b" + l, zip(b, db, (w, d) -> w - sign * lr * d));
    }
    return out;
  }

  static List<Object> lLayerModel(double[][] X, double[][] Y, int[] dims, double lr, int n, Map<?, ?> init) {
    Map<?, ?> p = init != null ? init : initializeParametersDeep(dims);
    List<Object> costs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      List<?> f = lModelForward(X, p);
      double cost = computeCost((double[][]) f.get(0), Y);
      Map<?, ?> grads = lModelBackward((double[][]) f.get(0), Y, (List<?>) f.get(1));
      p = updateParameters(p, grads, lr);
      if (i % 100 == 0) {
        costs.add(cost);
      }
    }
    return List.of(p, costs);
  }

  // ---- small matrix helpers ----

  static double[][] dot(double[][] a, double[][] b) {
    double[][] c = new double[a.length][b[0].length];
    for (int i = 0; i < a.length; i++) {
      for (int k = 0; k < b.length; k++) {
        for (int j = 0; j < b[0].length; j++) {
          c[i][j] += a[i][k] * b[k][j];
        }
      }
    }
    return c;
  }

  static double[][] transpose(double[][] a) {
    double[][] t = new double[a[0].length][a.length];
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a[0].length; j++) {
        t[j][i] = a[i][j];
      }
    }
    return t;
  }

  static double[][] map(double[][] a, java.util.function.DoubleUnaryOperator f) {
    double[][] out = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      out[i] = java.util.Arrays.stream(a[i]).map(f).toArray();
    }
    return out;
  }

  static double[][] zip(double[][] a, double[][] b, java.util.function.DoubleBinaryOperator f) {
    double[][] out = new double[a.length][a[0].length];
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a[0].length; j++) {
        out[i][j] = f.applyAsDouble(a[i][j], b[i][j]);
      }
    }
    return out;
  }

  /** A protocol array ({"ndarray": [[...]], "shape": [r, c]}) as double[r][c]. */
  static double[][] m(Object v) {
    if (v instanceof double[][] d) {
      return d;
    }
    Map<?, ?> o = (Map<?, ?>) v;
    List<?> shape = (List<?>) o.get("shape");
    List<?> rows = (List<?>) o.get("ndarray");
    int r = ((Number) shape.get(0)).intValue();
    int c = shape.size() > 1 ? ((Number) shape.get(1)).intValue() : 1;
    double[][] out = new double[r][c];
    for (int i = 0; i < r; i++) {
      Object row = rows.get(i);
      for (int j = 0; j < c; j++) {
        out[i][j] = ((Number) (row instanceof List<?> l ? l.get(j) : row)).doubleValue();
      }
    }
    return out;
  }

  static int[] ints(Object v) {
    return ((List<?>) v).stream().mapToInt(x -> ((Number) x).intValue()).toArray();
  }

  /** Just enough JSON: objects, arrays, strings, numbers, true, false, null. */
  static final class Json {
    private final String s;
    private int i;

    Json(String s) {
      this.s = s;
    }

    Object value() {
      skip();
      char c = s.charAt(i);
      if (c == '{') {
        Map<String, Object> o = new LinkedHashMap<>();
        i++;
        skip();
        if (s.charAt(i) == '}') {
          i++;
          return o;
        }
        while (true) {
          skip();
          String k = (String) value();
          skip();
          i++; // ':'
          o.put(k, value());
          skip();
          if (s.charAt(i++) == '}') {
            return o;
          }
        }
      }
      if (c == '[') {
        List<Object> a = new ArrayList<>();
        i++;
        skip();
        if (s.charAt(i) == ']') {
          i++;
          return a;
        }
        while (true) {
          a.add(value());
          skip();
          if (s.charAt(i++) == ']') {
            return a;
          }
        }
      }
      if (c == '"') {
        StringBuilder b = new StringBuilder();
        for (i++; s.charAt(i) != '"'; i++) {
          char ch = s.charAt(i);
          if (ch == '\\') {
            ch = s.charAt(++i);
            if (ch == 'u') {
              ch = (char) Integer.parseInt(s.substring(i + 1, i + 5), 16);
              i += 4;
            } else if (ch == 'n') {
              ch = '\n';
            } else if (ch == 't') {
              ch = '\t';
            }
          }
          b.append(ch);
        }
        i++;
        String str = b.toString();
        return switch (str) { // non-finite numbers travel as strings
          case "NaN" -> Double.NaN;
          case "Infinity" -> Double.POSITIVE_INFINITY;
          case "-Infinity" -> Double.NEGATIVE_INFINITY;
          default -> str;
        };
      }
      if (s.startsWith("true", i)) {
        i += 4;
        return true;
      }
      if (s.startsWith("false", i)) {
        i += 5;
        return false;
      }
      if (s.startsWith("null", i)) {
        i += 4;
        return null;
      }
      int start = i;
      while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
        i++;
      }
      String num = s.substring(start, i);
      return num.matches("-?\\d+") ? (Object) Long.parseLong(num) : (Object) Double.parseDouble(num);
    }

    private void skip() {
      while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
        i++;
      }
    }

    static String write(Object v) {
      if (v == null) {
        return "null";
      }
      if (v instanceof double[][] a) {
        StringBuilder b = new StringBuilder("{\"ndarray\": [");
        for (int r = 0; r < a.length; r++) {
          b.append(r == 0 ? "[" : ", [");
          for (int c = 0; c < a[r].length; c++) {
            b.append(c == 0 ? "" : ", ").append(write(a[r][c]));
          }
          b.append(']');
        }
        return b.append("], \"shape\": [").append(a.length).append(", ").append(a.length == 0 ? 0 : a[0].length)
            .append("]}").toString();
      }
      if (v instanceof Double d) {
        return d.isNaN() ? "\"NaN\"" : d.isInfinite() ? (d > 0 ? "\"Infinity\"" : "\"-Infinity\"") : d.toString();
      }
      if (v instanceof Number n) {
        return n.toString();
      }
      if (v instanceof Boolean bo) {
        return bo.toString();
      }
      if (v instanceof String str) {
        return "\"" + str.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
      }
      if (v instanceof List<?> l) {
        StringBuilder b = new StringBuilder("[");
        for (int k = 0; k < l.size(); k++) {
          b.append(k == 0 ? "" : ", ").append(write(l.get(k)));
        }
        return b.append(']').toString();
      }
      Map<?, ?> o = (Map<?, ?>) v;
      StringBuilder b = new StringBuilder("{");
      for (Map.Entry<?, ?> e : o.entrySet()) {
        b.append(b.length() == 1 ? "" : ", ").append(write(String.valueOf(e.getKey()))).append(": ")
            .append(write(e.getValue()));
      }
      return b.append('}').toString();
    }
  }
}
