"""The numpy anchor of `twinnet bench`: the course's training step (course 1, week 4, written for twinnet),
ReLU hidden layers, identity output, half-MSE, full batch, on the bench's shapes and data size.

    OPENBLAS_NUM_THREADS=T python3 numpy_step.py M N0,N1,...,NL REPS
Prints one line: NUMPY {"medianMs": ..., "minMs": ..., "maxMs": ..., "numpy": ..., "blas": ...}.
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
blas = ""
try:
    cfg = np.show_config(mode="dicts")
    blas = cfg.get("Build Dependencies", {}).get("blas", {}).get("name", "") + " " + \
        str(cfg.get("Build Dependencies", {}).get("blas", {}).get("version", ""))
except Exception:  # older numpy: no dicts
    pass
print("NUMPY " + json.dumps({"medianMs": median, "minMs": t[0], "maxMs": t[-1], "numpy": np.__version__,
                             "blas": blas.strip()}))
