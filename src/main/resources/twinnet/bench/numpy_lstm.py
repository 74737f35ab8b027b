"""The numpy anchor of `twinnet bench`'s LSTM layer: the course's lstm_forward and lstm_backward (its cell functions,
one np.dot per gate, a loop over the time steps; written for twinnet after the notebook), on the bench's layer.

    OPENBLAS_NUM_THREADS=T python3 numpy_lstm.py N_X N_A M T REPS
Prints one line: RNN {"medianMs": ..., "minMs": ..., "maxMs": ..., "numpy": ..., "blas": ...} (REPS timed runs of
forward + backward after one).
"""
import json
import sys
import time

import numpy as np

n_x, n_a, m, T_x, reps = (int(v) for v in sys.argv[1:6])
rng = np.random.default_rng(13)
s = 1 / np.sqrt(n_a + n_x)
p = {k: rng.standard_normal((n_a, n_a + n_x)) * s for k in ("Wf", "Wi", "Wc", "Wo")}
p.update({k: np.zeros((n_a, 1)) for k in ("bf", "bi", "bc", "bo")})
x = rng.standard_normal((n_x, m, T_x))
da = rng.standard_normal((n_a, m, T_x)) * 0.1


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def lstm_cell_forward(xt, a_prev, c_prev, p):
    concat = np.concatenate((a_prev, xt), axis=0)
    ft = sigmoid(np.dot(p["Wf"], concat) + p["bf"])
    it = sigmoid(np.dot(p["Wi"], concat) + p["bi"])
    cct = np.tanh(np.dot(p["Wc"], concat) + p["bc"])
    c_next = ft * c_prev + it * cct
    ot = sigmoid(np.dot(p["Wo"], concat) + p["bo"])
    a_next = ot * np.tanh(c_next)
    return a_next, c_next, (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt)


def lstm_forward(x, a0, p):
    a_next, c_next = a0, np.zeros_like(a0)
    caches = []
    for t in range(x.shape[2]):
        a_next, c_next, cache = lstm_cell_forward(x[:, :, t], a_next, c_next, p)
        caches.append(cache)
    return caches


def lstm_cell_backward(da_next, dc_next, cache, p):
    a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt = cache
    tanh_c = np.tanh(c_next)
    dot = da_next * tanh_c * ot * (1 - ot)
    dc = dc_next + da_next * ot * (1 - tanh_c ** 2)
    dcct = dc * it * (1 - cct ** 2)
    dit = dc * cct * it * (1 - it)
    dft = dc * c_prev * ft * (1 - ft)
    concat = np.concatenate((a_prev, xt), axis=0).T
    g = {"dWf": np.dot(dft, concat), "dWi": np.dot(dit, concat), "dWc": np.dot(dcct, concat),
         "dWo": np.dot(dot, concat), "dbf": np.sum(dft, axis=1, keepdims=True),
         "dbi": np.sum(dit, axis=1, keepdims=True), "dbc": np.sum(dcct, axis=1, keepdims=True),
         "dbo": np.sum(dot, axis=1, keepdims=True)}
    na = a_prev.shape[0]
    g["da_prev"] = (np.dot(p["Wf"][:, :na].T, dft) + np.dot(p["Wi"][:, :na].T, dit)
                    + np.dot(p["Wc"][:, :na].T, dcct) + np.dot(p["Wo"][:, :na].T, dot))
    g["dc_prev"] = dc * ft
    g["dxt"] = (np.dot(p["Wf"][:, na:].T, dft) + np.dot(p["Wi"][:, na:].T, dit)
                + np.dot(p["Wc"][:, na:].T, dcct) + np.dot(p["Wo"][:, na:].T, dot))
    return g


def lstm_backward(da, caches, p):
    n_a_, m_, T = da.shape
    dx = np.zeros((x.shape[0], m_, T))
    sums = {k: np.zeros_like(p[k[1:]]) for k in ("dWf", "dWi", "dWc", "dWo", "dbf", "dbi", "dbc", "dbo")}
    da_prevt = np.zeros((n_a_, m_))
    dc_prevt = np.zeros((n_a_, m_))
    for t in reversed(range(T)):
        g = lstm_cell_backward(da[:, :, t] + da_prevt, dc_prevt, caches[t], p)
        dx[:, :, t] = g["dxt"]
        for k in sums:
            sums[k] += g[k]
        da_prevt, dc_prevt = g["da_prev"], g["dc_prev"]
    return dx, sums


def once():
    t0 = time.perf_counter()
    lstm_backward(da, lstm_forward(x, np.zeros((n_a, m)), p), p)
    return (time.perf_counter() - t0) * 1000


once()
times = sorted(once() for _ in range(reps))
cfg = np.show_config(mode="dicts") if np.lib.NumpyVersion(np.__version__) >= "1.26.0" else {}
blas = cfg.get("Build Dependencies", {}).get("blas", {}).get("name", "") if isinstance(cfg, dict) else ""
print("RNN " + json.dumps({"medianMs": times[len(times) // 2], "minMs": times[0], "maxMs": times[-1],
                           "numpy": np.__version__, "blas": blas}))
