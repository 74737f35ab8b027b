package twinnet.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Every outcome of reading a case file is a valid case or one clean message: never another exception,
 * never a stack trace. Tried on a wrong type in every field in turn, and on thousands of random
 * mutations of valid cases.
 */
class CaseFuzzTest {
  private static final ObjectMapper M = new ObjectMapper();
  private static final Path DIR = Path.of("compare");
  private static final List<String> BASES = List.of("seed-c-identity-output-standardized.json",
      "inline-explicit-weights.json", "minibatch-sgd-shuffled.json", "csv-quadratic.json",
      "quirk-elu-alpha-0.5.json");

  /** Parses and checks the data; returns the message of a clean refusal, or null for a valid case. */
  private static String outcome(String text) {
    try {
      Case c = CaseParser.parse(text, "fuzz", DIR);
      CaseRunner.validate(c);
      return null;
    } catch (IllegalArgumentException e) {
      assertThat(e.getMessage()).as("message for " + text).isNotBlank().doesNotContain("Exception", "\tat ");
      return e.getMessage();
    }
  }

  /** Every leaf (and object) path of a JSON tree, e.g. network.layers[1]. */
  private static void paths(JsonNode n, String prefix, List<String> out) {
    if (n.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> it = n.fields();
      while (it.hasNext()) {
        var e = it.next();
        String p = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
        if (!e.getKey().equals("$schema") && !e.getKey().equals("description")) {
          out.add(p);
        }
        paths(e.getValue(), p, out);
      }
    } else if (n.isArray()) {
      for (int i = 0; i < n.size(); i++) {
        out.add(prefix + "[" + i + "]");
        paths(n.get(i), prefix + "[" + i + "]", out);
      }
    }
  }

  /** Replaces the value at a path. */
  private static void set(JsonNode root, String path, JsonNode value) {
    String parentPath;
    String last;
    int dot = path.lastIndexOf('.');
    int bracket = path.lastIndexOf('[');
    if (bracket > dot) {
      parentPath = path.substring(0, bracket);
      last = path.substring(bracket);
    } else {
      parentPath = dot < 0 ? "" : path.substring(0, dot);
      last = dot < 0 ? path : path.substring(dot + 1);
    }
    JsonNode parent = get(root, parentPath);
    if (last.startsWith("[")) {
      ((ArrayNode) parent).set(Integer.parseInt(last.substring(1, last.length() - 1)), value);
    } else {
      ((ObjectNode) parent).set(last, value);
    }
  }

  private static JsonNode get(JsonNode root, String path) {
    JsonNode n = root;
    if (path.isEmpty()) {
      return n;
    }
    for (String part : path.split("\\.")) {
      String name = part.contains("[") ? part.substring(0, part.indexOf('[')) : part;
      if (!name.isEmpty()) {
        n = n.get(name);
      }
      int i = part.indexOf('[');
      while (i >= 0) {
        int j = part.indexOf(']', i);
        n = n.get(Integer.parseInt(part.substring(i + 1, j)));
        i = part.indexOf('[', j);
      }
    }
    return n;
  }

  @Test
  void aWrongTypeInEveryFieldInTurnIsNamed() throws Exception {
    JsonNodeFactory f = JsonNodeFactory.instance;
    int tried = 0;
    for (String base : BASES) {
      JsonNode good = M.readTree(DIR.resolve(base).toFile());
      assertThat(outcome(good.toString())).as(base).isNull();
      List<String> all = new ArrayList<>();
      paths(good, "", all);
      for (String path : all) {
        JsonNode original = get(good, path);
        // a value of another type than the field's
        JsonNode wrong = original.isTextual() ? f.numberNode(7)
            : original.isNumber() ? f.textNode("seven")
            : original.isBoolean() ? f.textNode("yes")
            : original.isArray() ? f.textNode("a list")
            : f.numberNode(7);
        JsonNode copy = good.deepCopy();
        set(copy, path, wrong);
        String message = outcome(copy.toString());
        tried++;
        assertThat(message).as(base + ": " + path + " = " + wrong).isNotNull();
        String field = path.replaceAll("\\[\\d+]$", "");
        String leaf = field.substring(field.lastIndexOf('.') + 1);
        assertThat(message).as(base + ": " + path).contains(leaf.replaceAll("\\[.*", ""));
      }
    }
    assertThat(tried).isGreaterThan(60);
  }

  @Test
  void thousandsOfRandomMutationsEndInAValidCaseOrOneCleanMessage() throws Exception {
    Random r = new Random(Long.getLong("twinnet.seed", 7L));
    JsonNodeFactory f = JsonNodeFactory.instance;
    JsonNode[] values = {f.nullNode(), f.numberNode(0), f.numberNode(-1), f.numberNode(1e308), f.numberNode(3.5),
        f.numberNode(Double.NaN), f.numberNode(Long.MAX_VALUE), f.textNode(""), f.textNode("relu"),
        f.textNode("../../etc/passwd"), f.booleanNode(true), f.arrayNode(), f.arrayNode().add(1).add(2),
        f.objectNode(), f.arrayNode().add(f.arrayNode().add(1))};
    int valid = 0;
    int refused = 0;
    for (int i = 0; i < 3000; i++) {
      String base = BASES.get(r.nextInt(BASES.size()));
      String text = Files.readString(DIR.resolve(base));
      String mutated;
      int kind = r.nextInt(4);
      if (kind == 0) { // cut the text anywhere
        mutated = text.substring(0, r.nextInt(text.length()));
      } else if (kind == 1) { // flip characters
        char[] c = text.toCharArray();
        for (int k = 0; k < 1 + r.nextInt(4); k++) {
          String alphabet = "{}[]\",:0123456789.eaxnul \\";
          c[r.nextInt(c.length)] = alphabet.charAt(r.nextInt(alphabet.length()));
        }
        mutated = new String(c);
      } else { // replace or remove a field's value
        JsonNode tree = M.readTree(text);
        List<String> all = new ArrayList<>();
        paths(tree, "", all);
        String path = all.get(r.nextInt(all.size()));
        if (kind == 2) {
          set(tree, path, values[r.nextInt(values.length)]);
        } else if (!path.contains("[")) {
          JsonNode parent = get(tree, path.contains(".") ? path.substring(0, path.lastIndexOf('.')) : "");
          ((ObjectNode) parent).remove(path.substring(path.lastIndexOf('.') + 1));
        }
        mutated = tree.toString();
      }
      if (outcome(mutated) == null) {
        valid++;
      } else {
        refused++;
      }
    }
    assertThat(valid + refused).isEqualTo(3000);
    assertThat(refused).isGreaterThan(1000);
    assertThat(valid).isPositive();
  }

  @Test
  void hugeDataOrNetworksAreRefusedBeforeAnythingIsAllocated() {
    String big = """
        {"data": {"generator": "random", "examples": 10000000, "inputs": 100000},
         "network": {"layers": [100000, 1], "output": "identity"}, "loss": "mse",
         "optimizer": {"learningRate": 0.1}, "steps": 1}""";
    assertThatThrownBy(() -> CaseParser.parse(big, "big", DIR)).hasMessageContaining("holds at most");
    String wide = """
        {"data": {"generator": "seed_quadratic"},
         "network": {"layers": [1, 2000000000, 1], "hidden": "relu", "output": "identity"}, "loss": "mse",
         "optimizer": {"learningRate": 0.1}, "steps": 1}""";
    assertThatThrownBy(() -> CaseParser.parse(wide, "wide", DIR)).hasMessageContaining("each layer takes 1 to 100000");
    String heavy = wide.replace("[1, 2000000000, 1]", "[1, 90000, 90000, 1]");
    assertThatThrownBy(() -> CaseParser.parse(heavy, "heavy", DIR)).hasMessageContaining("parameters");
  }

  @Test
  void aByteOrderMarkAndWindowsLineEndingsInACaseAreFine() throws Exception {
    String text = Files.readString(DIR.resolve(BASES.get(0))).replace("\n", "\r\n");
    assertThat(outcome("\uFEFF" + text)).isNull();
  }
}
