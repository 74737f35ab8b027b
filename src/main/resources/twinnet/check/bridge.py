"""twinnet's Python bridge for `twinnet check` (protocol twinnet.check/1, docs/check-protocol.md).

Loads the course functions of a learner's .py or .ipynb file (only its imports, function and class
definitions and constant assignments: nothing that loads data, plots or trains), then answers one JSON
request per line on standard input with one JSON response per line on standard output. Whatever the
learner's code prints goes to standard error. Written for twinnet from the protocol; no course code.

    python3 bridge.py FILE NAMES

NAMES is the comma-separated list of the functions twinnet checks (the course's, of every notebook it knows,
then the helpers it provides when a file lacks them): twinnet's catalogue sends it, so that the list lives in
one place.
"""
import ast
import copy
import importlib.abc
import importlib.machinery
import json
import math
import os
import sys
import traceback
import types

PROTOCOL = "twinnet.check/1"
COURSE = []  # the functions twinnet checks: from the command line (NAMES), set in main
HELPERS = ["sigmoid", "relu", "sigmoid_backward", "relu_backward"]

CHANNEL = sys.stdout   # the protocol's own channel
sys.stdout = sys.stderr  # the learner's prints go to standard error


def send(message):
    CHANNEL.write(json.dumps(message, allow_nan=False) + "\n")
    CHANNEL.flush()


try:
    import numpy as np
except ImportError as e:  # the Java side tries the next python3, or says how to install numpy
    send({"hello": PROTOCOL, "error": {"type": "NoNumpy", "message": "numpy cannot be imported (%s)" % e}})
    sys.exit(3)


# ---- the course's helpers, provided when the file neither defines nor imports them ----

def sigmoid(Z):
    """A = 1/(1 + e^(−Z)); the cache is Z."""
    return 1 / (1 + np.exp(-Z)), Z


def relu(Z):
    """A = max(0, Z); the cache is Z."""
    return np.maximum(0, Z), Z


def sigmoid_backward(dA, cache):
    """dZ = dA · s · (1 − s), s = σ(Z)."""
    s = 1 / (1 + np.exp(-cache))
    return dA * s * (1 - s)


def relu_backward(dA, cache):
    """dZ = dA where Z > 0, else 0 (ReLU′(0) = 0); a dA of another shape is broadcast to Z's, as numpy does."""
    dZ = np.array(np.broadcast_to(dA, np.shape(cache)), dtype=float, copy=True)
    dZ[cache <= 0] = 0
    return dZ


PROVIDED = {"sigmoid": sigmoid, "relu": relu, "sigmoid_backward": sigmoid_backward, "relu_backward": relu_backward}


def plain_sigmoid(x):
    """Course 2's reg_utils.sigmoid: s = 1/(1 + e^(−x)), no cache."""
    return 1 / (1 + np.exp(-x))


def plain_relu(x):
    """Course 2's reg_utils.relu: s = max(0, x), no cache."""
    return np.maximum(0, x)


# course 2's utility modules (regularization, initialization, gradient checking): helpers without a cache
COURSE_2_UTILS = {"reg_utils", "init_utils", "gc_utils"}
PLAIN = {"sigmoid": plain_sigmoid, "relu": plain_relu}


def provided_for(tree, name):
    """The helper the file expects: course 2's plain one when it imports it from a course 2 utility module."""
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in COURSE_2_UTILS \
                and any(a.name == name and a.asname is None for a in node.names) and name in PLAIN:
            return PLAIN[name]
    return PROVIDED[name]


# ---- stand-ins for the course's helper modules a learner's file imports (written for twinnet from the formulas
#      and the modules' documented conventions, in the same order of arithmetic, so that results agree bit for bit)

# ============================================================== (a) gc_utils

GC_PARAM_SHAPES = (("W1", (5, 4)), ("b1", (5, 1)), ("W2", (3, 5)), ("b2", (3, 1)), ("W3", (1, 3)), ("b3", (1, 1)))


def gc_sigmoid(x):
    """Logistic function, element-wise; returns only the activation."""
    return 1 / (1 + np.exp(-x))


def gc_relu(x):
    """max(0, x), element-wise; returns only the activation."""
    return np.maximum(0, x)


def _stack_columns(arrays):
    # each array flattened row by row (C order) into a column, the columns stacked top to bottom
    return np.concatenate([np.reshape(a, (-1, 1)) for a in arrays], axis=0)


def dictionary_to_vector(parameters):
    """Rolls W1, b1, W2, b2, W3, b3 (in that order, each flattened row-major) into one column vector.

    Returns (theta, keys): theta of shape (47, 1) for the course's network, keys a list holding, for every
    entry of theta, the name of the parameter it came from."""
    names = [name for name, _ in GC_PARAM_SHAPES]
    theta = _stack_columns([parameters[n] for n in names])
    keys = []
    for n in names:
        keys += [n] * int(np.size(parameters[n]))
    return theta, keys


def vector_to_dictionary(theta):
    """The inverse of dictionary_to_vector for the course's shapes: W1 (5, 4), b1 (5, 1), W2 (3, 5),
    b2 (3, 1), W3 (1, 3), b3 (1, 1). The arrays are reshaped slices (views) of theta."""
    parameters = {}
    start = 0
    for name, shape in GC_PARAM_SHAPES:
        size = shape[0] * shape[1]
        parameters[name] = theta[start: start + size].reshape(shape)
        start += size
    return parameters


def gradients_to_vector(gradients):
    """Rolls dW1, db1, dW2, db2, dW3, db3 (in that order, row-major) into one column vector (47, 1)."""
    return _stack_columns([gradients["d" + name] for name, _ in GC_PARAM_SHAPES])


# ============================================================== (b) dnn_app_utils_v3

def app_sigmoid(Z):
    """Returns (A, cache): A = 1 / (1 + exp(-Z)), cache = Z."""
    A = 1 / (1 + np.exp(-Z))
    return A, Z


def app_relu(Z):
    """Returns (A, cache): A = max(0, Z), cache = Z."""
    A = np.maximum(0, Z)
    assert A.shape == Z.shape
    return A, Z


def app_relu_backward(dA, cache):
    """dZ = dA where Z > 0, 0 where Z <= 0. Works on a copy of dA, and, like the course's version, masks
    with a boolean index, so a mask whose shape does not match dA raises IndexError."""
    Z = cache
    dZ = np.array(dA, copy=True)
    dZ[Z <= 0] = 0
    assert dZ.shape == Z.shape
    return dZ


def app_sigmoid_backward(dA, cache):
    """dZ = dA * s * (1 - s) with s = sigmoid(Z), Z the cache."""
    Z = cache
    s = 1 / (1 + np.exp(-Z))
    dZ = dA * s * (1 - s)
    assert dZ.shape == Z.shape
    return dZ


def initialize_parameters(n_x, n_h, n_y):
    """Two-layer parameters after np.random.seed(1): W1 (n_h, n_x), W2 (n_y, n_h) drawn in that order
    from randn and scaled by 0.01; b1, b2 zeros."""
    np.random.seed(1)
    W1 = np.random.randn(n_h, n_x) * 0.01
    b1 = np.zeros((n_h, 1))
    W2 = np.random.randn(n_y, n_h) * 0.01
    b2 = np.zeros((n_y, 1))
    assert W1.shape == (n_h, n_x) and b1.shape == (n_h, 1)
    assert W2.shape == (n_y, n_h) and b2.shape == (n_y, 1)
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}


def initialize_parameters_deep(layer_dims):
    """L-layer parameters after np.random.seed(1): Wl = randn(n_l, n_{l-1}) / sqrt(n_{l-1}), bl zeros
    (the application notebook's helper; the step-by-step notebook's graded version uses seed 3 and * 0.01)."""
    np.random.seed(1)
    parameters = {}
    for l in range(1, len(layer_dims)):
        parameters["W" + str(l)] = np.random.randn(layer_dims[l], layer_dims[l - 1]) / np.sqrt(layer_dims[l - 1])
        parameters["b" + str(l)] = np.zeros((layer_dims[l], 1))
        assert parameters["W" + str(l)].shape == (layer_dims[l], layer_dims[l - 1])
        assert parameters["b" + str(l)].shape == (layer_dims[l], 1)
    return parameters


def linear_forward(A, W, b):
    """Z = W A + b; cache = (A, W, b)."""
    Z = W.dot(A) + b
    assert Z.shape == (W.shape[0], A.shape[1])
    return Z, (A, W, b)


def linear_activation_forward(A_prev, W, b, activation):
    """LINEAR then "sigmoid" or "relu"; cache = (linear_cache, activation_cache = Z)."""
    if activation == "sigmoid":
        Z, linear_cache = linear_forward(A_prev, W, b)
        A, activation_cache = app_sigmoid(Z)
    elif activation == "relu":
        Z, linear_cache = linear_forward(A_prev, W, b)
        A, activation_cache = app_relu(Z)
    assert A.shape == (W.shape[0], A_prev.shape[1])
    return A, (linear_cache, activation_cache)


def L_model_forward(X, parameters):
    """[LINEAR->RELU]*(L-1) -> LINEAR->SIGMOID with L = len(parameters) // 2; returns (AL, caches), one
    cache per layer in order."""
    caches = []
    A = X
    L = len(parameters) // 2
    for l in range(1, L):
        A, cache = linear_activation_forward(A, parameters["W" + str(l)], parameters["b" + str(l)], "relu")
        caches.append(cache)
    AL, cache = linear_activation_forward(A, parameters["W" + str(L)], parameters["b" + str(L)], "sigmoid")
    caches.append(cache)
    assert AL.shape == (1, X.shape[1])
    return AL, caches


def app_compute_cost(AL, Y):
    """Cross-entropy -(1/m) [Y log(AL)^T + (1 - Y) log(1 - AL)^T], as a 0-d ndarray (np.squeeze of (1, 1))."""
    m = Y.shape[1]
    cost = (1. / m) * (-np.dot(Y, np.log(AL).T) - np.dot(1 - Y, np.log(1 - AL).T))
    cost = np.squeeze(cost)
    assert cost.shape == ()
    return cost


def linear_backward(dZ, cache):
    """dW = (1/m) dZ A_prev^T, db = (1/m) row sums of dZ (keepdims), dA_prev = W^T dZ."""
    A_prev, W, b = cache
    m = A_prev.shape[1]
    dW = 1. / m * np.dot(dZ, A_prev.T)
    db = 1. / m * np.sum(dZ, axis=1, keepdims=True)
    dA_prev = np.dot(W.T, dZ)
    assert dA_prev.shape == A_prev.shape and dW.shape == W.shape and db.shape == b.shape
    return dA_prev, dW, db


def linear_activation_backward(dA, cache, activation):
    """The backward step of linear_activation_forward; returns (dA_prev, dW, db)."""
    linear_cache, activation_cache = cache
    if activation == "relu":
        dZ = app_relu_backward(dA, activation_cache)
        dA_prev, dW, db = linear_backward(dZ, linear_cache)
    elif activation == "sigmoid":
        dZ = app_sigmoid_backward(dA, activation_cache)
        dA_prev, dW, db = linear_backward(dZ, linear_cache)
    return dA_prev, dW, db


def L_model_backward(AL, Y, caches):
    """Gradients of the cross-entropy through L_model_forward's caches.
    grads keys: "dA" + str(l-1), "dW" + str(l), "db" + str(l) for l = L .. 1."""
    grads = {}
    L = len(caches)
    Y = Y.reshape(AL.shape)
    dAL = - (np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))
    grads["dA" + str(L - 1)], grads["dW" + str(L)], grads["db" + str(L)] = \
        linear_activation_backward(dAL, caches[L - 1], "sigmoid")
    for l in reversed(range(L - 1)):
        dA_prev, dW, db = linear_activation_backward(grads["dA" + str(l + 1)], caches[l], "relu")
        grads["dA" + str(l)] = dA_prev
        grads["dW" + str(l + 1)] = dW
        grads["db" + str(l + 1)] = db
    return grads


def app_update_parameters(parameters, grads, learning_rate):
    """One gradient descent step. Like the course's dnn_app_utils_v3 it updates the dict it is given in
    place (each entry rebound to a new array) and returns that same dict."""
    L = len(parameters) // 2
    for l in range(L):
        parameters["W" + str(l + 1)] = parameters["W" + str(l + 1)] - learning_rate * grads["dW" + str(l + 1)]
        parameters["b" + str(l + 1)] = parameters["b" + str(l + 1)] - learning_rate * grads["db" + str(l + 1)]
    return parameters


def app_predict(X, y, parameters):
    """0/1 predictions (float array (1, m)) of the L-layer network, threshold 0.5; prints the accuracy."""
    m = X.shape[1]
    probas, _ = L_model_forward(X, parameters)
    p = np.zeros((1, m))
    for i in range(probas.shape[1]):
        p[0, i] = 1 if probas[0, i] > 0.5 else 0
    print("Accuracy: " + str(np.sum((p == y) / m)))
    return p


# ============================================================== extras

def planar_sigmoid(x):
    """planar_utils.sigmoid: 1 / (1 + exp(-x)), activation only."""
    return 1 / (1 + np.exp(-x))


def reg_compute_cost(a3, Y):
    """reg_utils.compute_cost: (1/m) * nansum of -Y log(a3) - (1 - Y) log(1 - a3) (a np.float64)."""
    m = Y.shape[1]
    logprobs = np.multiply(-np.log(a3), Y) + np.multiply(-np.log(1 - a3), 1 - Y)
    return 1. / m * np.nansum(logprobs)


def rnn_softmax(x):
    """rnn_utils.softmax: e^(x − max x) / Σ over axis 0 (the max of the whole array, as the course's)."""
    e_x = np.exp(x - np.max(x))
    return e_x / e_x.sum(axis=0)


STANDINS = {  # module → {course name: stand-in}: what `from gc_utils import …` and the like bind
    "gc_utils": {"sigmoid": gc_sigmoid, "relu": gc_relu, "dictionary_to_vector": dictionary_to_vector,
                 "vector_to_dictionary": vector_to_dictionary, "gradients_to_vector": gradients_to_vector},
    "dnn_app_utils_v3": {"sigmoid": app_sigmoid, "relu": app_relu, "sigmoid_backward": app_sigmoid_backward,
                         "relu_backward": app_relu_backward, "initialize_parameters": initialize_parameters,
                         "initialize_parameters_deep": initialize_parameters_deep, "linear_forward": linear_forward,
                         "linear_activation_forward": linear_activation_forward, "L_model_forward": L_model_forward,
                         "compute_cost": app_compute_cost, "linear_backward": linear_backward,
                         "linear_activation_backward": linear_activation_backward,
                         "L_model_backward": L_model_backward, "update_parameters": app_update_parameters,
                         "predict": app_predict, "np": np},
    "planar_utils": {"sigmoid": planar_sigmoid},
    "reg_utils": {"compute_cost": reg_compute_cost, "sigmoid": gc_sigmoid, "relu": gc_relu},
    "rnn_utils": {"softmax": rnn_softmax, "sigmoid": planar_sigmoid},
}


# ---- modules the check never needs: plotting, data files, the course's test modules ----

STUBBED = {"matplotlib", "h5py", "PIL", "scipy", "sklearn", "IPython", "testCases", "testCases_v2", "testCases_v3",
           "testCases_v4", "testCases_v4a", "public_tests", "test_utils", "lr_utils", "planar_utils", "pylab"}


class Stub:
    """Anything a stubbed module gives: callable, indexable, with any attribute."""

    def __call__(self, *args, **kwargs):
        return Stub()

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        return Stub()

    def __getitem__(self, key):
        return Stub()

    def __iter__(self):
        return iter(())

    def __setitem__(self, key, value):
        pass


class StubModule(types.ModuleType):
    def __init__(self, name):
        super().__init__(name)
        self.__path__ = []
        top = name.split(".")[0]
        given = STANDINS.get(top) or (PROVIDED if top.startswith("dnn_") else {})
        self.__all__ = list(given)
        for k, v in given.items():
            setattr(self, k, v)

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        return Stub()


class StubLoader(importlib.abc.Loader):
    def create_module(self, spec):
        return StubModule(spec.name)

    def exec_module(self, module):
        pass


class StubFinder(importlib.abc.MetaPathFinder):
    """First in line: the modules in STUBBED. Last in line: any module that is not there."""

    def __init__(self, first):
        self.first = first
        self.stubbed = set()

    def find_spec(self, name, path, target=None):
        top = name.split(".")[0]
        if self.first and top not in STUBBED:
            return None
        self.stubbed.add(top)
        return importlib.machinery.ModuleSpec(name, StubLoader())


# ---- the learner's file ----

def read_source(path):
    """The code to parse, and for a notebook where each line came from (cell, line)."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if not path.endswith(".ipynb"):
        return text, None
    nb = json.loads(text)
    lines, where = [], []
    cells = [c for c in nb.get("cells", []) if c.get("cell_type") == "code"]
    for i, cell in enumerate(cells):
        src = cell.get("source", "")
        src = "".join(src) if isinstance(src, list) else src
        for j, line in enumerate(src.split("\n")):
            stripped = line.lstrip()
            # IPython's magics and shell escapes are not Python: keep the line count, drop the line
            lines.append("" if stripped.startswith(("%", "!")) else line)
            where.append((i + 1, j + 1))
        lines.append("")
        where.append((i + 1, len(src.split("\n")) + 1))
    return "\n".join(lines), where


def where(line, cells):
    if line is None:
        return None
    if cells is None:
        return "line %d" % line
    if 1 <= line <= len(cells):
        return "code cell %d, line %d" % cells[line - 1]
    return "line %d" % line


CONSTANT = (ast.Constant, ast.Name, ast.Load, ast.List, ast.Tuple, ast.Set, ast.Dict, ast.BinOp, ast.UnaryOp,
            ast.operator, ast.unaryop)


def constant(node):
    """Literals, names and arithmetic on them (layers_dims = [n_x, 20, 7, 1]): no call, attribute or index."""
    return all(isinstance(n, CONSTANT) for n in ast.walk(node))


def kept(node):
    """Imports, definitions and constant assignments; not data loading, plotting or training."""
    if isinstance(node, (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return True
    if isinstance(node, (ast.Assign, ast.AnnAssign)):
        return node.value is not None and constant(node.value)
    if isinstance(node, ast.Try):
        return all(kept(n) or isinstance(n, ast.Pass) for n in node.body)
    return False


def load(path):
    source, cells = read_source(path)
    try:
        tree = ast.parse(source, filename=path)
    except SyntaxError as e:
        return None, None, {"type": "SyntaxError", "message": e.msg, "line": e.lineno,
                            "where": where(e.lineno, cells), "code": (e.text or "").strip()}, None
    sys.path.insert(0, os.path.dirname(os.path.abspath(path)))
    first, last = StubFinder(True), StubFinder(False)
    sys.meta_path.insert(0, first)
    sys.meta_path.append(last)
    ns = {"__name__": "learner", "__file__": path}
    warnings = []
    for node in tree.body:
        if not kept(node):
            continue
        try:
            exec(compile(ast.Module(body=[node], type_ignores=[]), path, "exec"), ns)
        except NameError:  # a value computed from data that is never loaded here (m = n_train): not needed
            pass
        except Exception as e:  # an import that fails in itself: the functions may still work
            warnings.append("%s: %s: %s" % (where(node.lineno, cells), type(e).__name__, e))
    defined = [n.name for n in tree.body if isinstance(n, ast.FunctionDef) and n.name in COURSE + HELPERS]
    for name in HELPERS:
        if name not in defined and not callable_real(ns.get(name)):
            ns[name] = provided_for(tree, name)
    standins = {id(f) for given in STANDINS.values() for f in given.values() if callable(f)}
    used = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}  # what the file's code names
    provided = [name for name in HELPERS if ns.get(name) in (PROVIDED[name], PLAIN.get(name)) and name in used]
    provided += sorted(k for k, v in ns.items() if callable(v) and id(v) in standins and k not in provided
                       and k in used)
    parameters = {}
    for node in tree.body:  # each function's parameters: they tell notebooks apart whose names collide
        if isinstance(node, ast.FunctionDef) and node.name in defined:
            parameters[node.name] = [a.arg for a in node.args.args]
    hello = {"hello": PROTOCOL, "language": "python " + sys.version.split()[0], "numpy": np.__version__,
             "file": path, "defines": [n for n in COURSE + HELPERS if n in defined], "parameters": parameters,
             "provided": provided,
             "stubbed": sorted((first.stubbed | last.stubbed) - set(STANDINS)),
             "standins": sorted((first.stubbed | last.stubbed) & set(STANDINS)),
             "warnings": warnings}
    return ns, cells, None, hello


def callable_real(f):
    return callable(f) and not isinstance(f, Stub)


# ---- values: numbers, strings, null, lists, objects, and arrays tagged {"ndarray", "shape"} ----

def finite(x):
    if isinstance(x, list):
        return [finite(v) for v in x]
    if isinstance(x, float) and not math.isfinite(x):
        return "NaN" if math.isnan(x) else ("Infinity" if x > 0 else "-Infinity")
    return x


def encode(v, depth=0):
    if depth > 20:
        return {"repr": "(nested too deeply)"}
    if isinstance(v, np.ndarray):
        if v.dtype.kind in "fiub":
            return {"ndarray": finite(v.astype(float).tolist()), "shape": list(v.shape), "dtype": str(v.dtype)}
        return {"repr": repr(v)[:200]}
    if isinstance(v, (bool, np.bool_)):
        return bool(v)
    if isinstance(v, (int, np.integer)):
        return int(v)
    if isinstance(v, (float, np.floating)):
        return finite(float(v))
    if v is None or isinstance(v, str):
        return v
    if isinstance(v, (list, tuple)):
        return [encode(x, depth + 1) for x in v]
    if isinstance(v, dict):
        return {str(k): encode(x, depth + 1) for k, x in v.items()}
    return {"repr": repr(v)[:200]}


def decode(v):
    if isinstance(v, dict):
        if "ndarray" in v:
            return np.array(v["ndarray"], dtype=float).reshape(v["shape"])
        return {k: decode(x) for k, x in v.items()}
    if isinstance(v, list):
        return [decode(x) for x in v]
    return v


def same(a, b):
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return (isinstance(a, np.ndarray) and isinstance(b, np.ndarray) and a.shape == b.shape
                and np.array_equal(a, b, equal_nan=True))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    return a == b


def describe(e, path, cells, lines):
    frames = [f for f in traceback.extract_tb(e.__traceback__) if f.filename == path]
    out = {"type": type(e).__name__, "message": str(e)[:500]}
    if frames:
        f = frames[-1]
        out["line"] = f.lineno
        out["where"] = where(f.lineno, cells)
        out["function"] = f.name
        if f.lineno and 1 <= f.lineno <= len(lines):
            out["code"] = lines[f.lineno - 1].strip()
    return out


def serve(path):
    ns, cells, error, hello = load(path)
    if error is not None:
        send({"hello": PROTOCOL, "error": error})
        return 3
    lines = read_source(path)[0].split("\n")
    send(hello)
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            req = json.loads(line)
            rid = req["id"]
            name = req["call"]
        except (ValueError, KeyError, TypeError) as e:
            send({"id": None, "ok": False, "error": {"type": "ProtocolError", "message": "bad request: %s" % e}})
            continue
        if name == "__exit__":
            break
        if name == "__draws__":  # numpy's own random numbers after np.random.seed(seed), as the course draws them
            try:
                seed, requests = req["args"]
                np.random.seed(seed)
                out = []
                for kind, *shape in requests:
                    out.append(np.random.permutation(shape[0]) if kind == "permutation"
                               else getattr(np.random, kind)(*shape))
                send({"id": rid, "ok": True, "result": encode(out)})
            except Exception as e:  # a malformed request: twinnet's own bug
                send({"id": rid, "ok": False, "error": {"type": type(e).__name__, "message": str(e)}})
            continue
        fn = ns.get(name)
        if name not in COURSE + HELPERS or not callable_real(fn):
            send({"id": rid, "ok": False, "error": {"type": "NotFound", "message": name + " is not defined"}})
            continue
        args = [decode(a) for a in req.get("args", [])]
        kwargs = {k: decode(v) for k, v in req.get("kwargs", {}).items()}
        before = copy.deepcopy(args)
        saved = {}
        for k, v in req.get("replace", {}).items():  # e.g. initialize_parameters_deep → the twin's weights
            saved[k] = ns.get(k)
            value = decode(v)
            ns[k] = lambda *a, _value=value, **kw: copy.deepcopy(_value)
        try:
            if "seed" in req:  # the random draws of this call (dropout's masks) start from a known seed
                np.random.seed(req["seed"])
            result = fn(*args, **kwargs)
            response = {"id": rid, "ok": True, "result": encode(result)}
            mutated = [i for i, (a, b) in enumerate(zip(args, before)) if not same(a, b)]
            if mutated:
                response["mutated"] = mutated
        except BaseException as e:  # the learner's exception, reported: the check goes on
            if isinstance(e, KeyboardInterrupt):
                raise
            response = {"id": rid, "ok": False, "error": describe(e, path, cells, lines)}
        finally:
            for k, v in saved.items():
                ns[k] = v
        send(response)
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        send({"hello": PROTOCOL, "error": {"type": "Usage", "message": "usage: bridge.py FILE.py|FILE.ipynb NAMES"}})
        sys.exit(2)
    COURSE.extend(n for n in sys.argv[2].split(",") if n and n not in HELPERS)
    try:
        sys.exit(serve(sys.argv[1]))
    except (OSError, ValueError) as e:
        send({"hello": PROTOCOL, "error": {"type": type(e).__name__, "message": str(e)}})
        sys.exit(3)
