"""The numpy anchor of `twinnet bench`: the course's training step (course 1, week 4, written for twinnet),
ReLU hidden layers, identity output, half-MSE, full batch, on the bench's shapes and data size.

    OPENBLAS_NUM_THREADS=T python3 numpy_step.py M N0,N1,...,NL REPS
Prints one line: NUMPY {"medianMs": ..., "minMs": ..., "maxMs": ..., "numpy": ..., "blas": ..., "kernel": ...,
"gemm": {"totalMs": ..., "gflops": ...}} (kernel: the OpenBLAS core that ran, e.g. SkylakeX; gemm: the step's
products alone, each the median of its own runs, as the bench's ND4J ceiling is measured).
"""
import json
import sys
import time

import numpy as np

m = int(sys.argv[1])
dims = [int(v) for v in sys.argv[2].split(",")]
reps = int(sys.argv[3])
rng = np.random.default_rng(7)
X = rng.standard_normal((dims[0], m))
Y = rng.standard_normal((dims[-1], m))
L = len(dims) - 1
P = {}
for l in range(1, L + 1):
    P["W%d" % l] = rng.standard_normal((dims[l], dims[l - 1])) * np.sqrt(2.0 / dims[l - 1])
    P["b%d" % l] = np.zeros((dims[l], 1))


def step(P, lr=1e-3):
    A, caches = X, []
    for l in range(1, L + 1):                       # L_model_forward
        Z = P["W%d" % l] @ A + P["b%d" % l]
        caches.append((A, Z))
        A = np.maximum(0, Z) if l < L else Z
    cost = np.sum((A - Y) ** 2) / (2 * m)           # compute_cost, half-MSE
    dA = A - Y                                      # dAL
    for l in range(L, 0, -1):                       # L_model_backward
        A_prev, Z = caches[l - 1]
        dZ = dA * (Z > 0) if l < L else dA
        dW = dZ @ A_prev.T / m
        db = np.sum(dZ, axis=1, keepdims=True) / m
        if l > 1:
            dA = P["W%d" % l].T @ dZ
        P["W%d" % l] -= lr * dW                     # update_parameters
        P["b%d" % l] -= lr * db
    return cost


for _ in range(reps):                              # as many warm-up steps as timed ones
    step(P)
t = []
for _ in range(reps):
    t0 = time.perf_counter()
    step(P)
    t.append((time.perf_counter() - t0) * 1e3)
t.sort()
n = len(t)
median = t[n // 2] if n % 2 else (t[n // 2 - 1] + t[n // 2]) / 2
# the step's products alone, each into a preallocated output (as the bench's ND4J ceiling): numpy's BLAS at its
# best on these shapes, a second ceiling beside ND4J's
def products():
    out = []
    A_prev = X
    for l in range(1, L + 1):
        W = P["W%d" % l]
        Z = np.empty((dims[l], m))
        dW = np.empty_like(W)
        out.append((W, A_prev, Z, False))                 # Z = W·A_prev
        out.append((Z, A_prev, dW, True))                 # dW = dZ·A_prevᵀ
        if l > 1:
            out.append((W, Z, np.empty((dims[l - 1], m)), "T"))  # dA_prev = Wᵀ·dZ
        A_prev = Z
    return out


gemm_ms = 0.0
macs = 0
for a, b, c, how in products():
    f = (lambda a=a, b=b, c=c: np.matmul(a, b.T, out=c)) if how is True else \
        (lambda a=a, b=b, c=c: np.matmul(a.T, b, out=c)) if how == "T" else (lambda a=a, b=b, c=c: np.matmul(a, b, out=c))
    f()
    ts = []
    for _ in range(max(3, min(reps, 15))):
        t0 = time.perf_counter()
        f()
        ts.append((time.perf_counter() - t0) * 1e3)
    ts.sort()
    gemm_ms += ts[len(ts) // 2]
    macs += c.size * (b.shape[1] if how is True else a.shape[0] if how == "T" else a.shape[1])

blas = ""
kernel = ""
try:  # the OpenBLAS kernel that ran: its config string names the core (e.g. "... DYNAMIC_ARCH ... SkylakeX ...")
    import ctypes
    for path in sorted({line.split()[-1] for line in open("/proc/self/maps") if "openblas" in line.lower()}):
        lib = ctypes.CDLL(path)
        for name in ("scipy_openblas_get_corename64_", "scipy_openblas_get_corename", "openblas_get_corename"):
            if hasattr(lib, name):
                getattr(lib, name).restype = ctypes.c_char_p
                kernel = getattr(lib, name)().decode()
                break
        if kernel:
            break
except Exception:  # not Linux, or another BLAS: no kernel named
    pass
try:
    cfg = np.show_config(mode="dicts")
    blas = cfg.get("Build Dependencies", {}).get("blas", {}).get("name", "") + " " + \
        str(cfg.get("Build Dependencies", {}).get("blas", {}).get("version", ""))
except Exception:  # older numpy: no dicts
    pass
print("NUMPY " + json.dumps({"medianMs": median, "minMs": t[0], "maxMs": t[-1], "numpy": np.__version__,
                             "blas": blas.strip(), "kernel": kernel,
                             "gemm": {"totalMs": gemm_ms, "gflops": 2.0 * macs / (gemm_ms * 1e6)}}))
