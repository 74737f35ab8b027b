"""The numpy anchors of `twinnet bench`'s conv layer: the course's conv_forward and conv_backward (its four nested
loops, written for twinnet after the notebook), and an im2col version of the same (the windows as one matrix, three
matrix products, the windows' gradients added back f·f slices at a time), on the bench's layer.

    OPENBLAS_NUM_THREADS=T python3 numpy_conv.py M H W C F NC PAD STRIDE LOOP_M REPS
Prints one line: CONV {"im2colMedianMs": ..., "im2colMinMs": ..., "im2colMaxMs": ..., "loopsMsPerExample": ...,
"numpy": ..., "blas": ...} (the loops on LOOP_M examples, per example; im2col on all M, REPS timed runs after one).
"""
import json
import sys
import time

import numpy as np

m, n_H_prev, n_W_prev, C, f, nC, pad, stride, loop_m, reps = (int(v) for v in sys.argv[1:11])
rng = np.random.default_rng(11)
A = rng.standard_normal((m, n_H_prev, n_W_prev, C))
Wt = rng.standard_normal((f, f, C, nC)) * np.sqrt(2.0 / (f * f * C))
b = rng.standard_normal((1, 1, 1, nC)) * 0.1
nH = (n_H_prev - f + 2 * pad) // stride + 1
nW = (n_W_prev - f + 2 * pad) // stride + 1
dZ = rng.standard_normal((m, nH, nW, nC))


def zero_pad(X, pad):
    return np.pad(X, ((0, 0), (pad, pad), (pad, pad), (0, 0)), mode="constant", constant_values=(0, 0))


def conv_forward(A_prev, W, b):                       # the course's loops
    A_prev_pad = zero_pad(A_prev, pad)
    Z = np.zeros((A_prev.shape[0], nH, nW, nC))
    for i in range(A_prev.shape[0]):
        a_prev_pad = A_prev_pad[i]
        for h in range(nH):
            vs = h * stride
            for w in range(nW):
                hs = w * stride
                for c in range(nC):
                    Z[i, h, w, c] = np.sum(a_prev_pad[vs:vs + f, hs:hs + f, :] * W[:, :, :, c]) + float(b[0, 0, 0, c])
    return Z


def conv_backward(dZ, A_prev, W):                     # the course's loops
    dA_prev = np.zeros(A_prev.shape)
    dW = np.zeros(W.shape)
    db = np.zeros((1, 1, 1, nC))
    A_prev_pad = zero_pad(A_prev, pad)
    dA_prev_pad = zero_pad(dA_prev, pad)
    for i in range(A_prev.shape[0]):
        a_prev_pad = A_prev_pad[i]
        da_prev_pad = dA_prev_pad[i]
        for h in range(nH):
            for w in range(nW):
                for c in range(nC):
                    vs, hs = h * stride, w * stride
                    da_prev_pad[vs:vs + f, hs:hs + f, :] += W[:, :, :, c] * dZ[i, h, w, c]
                    dW[:, :, :, c] += a_prev_pad[vs:vs + f, hs:hs + f, :] * dZ[i, h, w, c]
                    db[:, :, :, c] += dZ[i, h, w, c]
        dA_prev[i, :, :, :] = da_prev_pad[pad:pad + n_H_prev, pad:pad + n_W_prev, :]
    return dA_prev, dW, db


def windows(A_pad):                                   # (m, nH, nW, f, f, C) views of the padded input
    s = A_pad.strides
    return np.lib.stride_tricks.as_strided(A_pad, (A_pad.shape[0], nH, nW, f, f, C),
                                           (s[0], s[1] * stride, s[2] * stride, s[1], s[2], s[3]), writeable=False)


def im2col_step(A_prev, W, b, dZ):                    # forward and backward as three matrix products
    A_pad = zero_pad(A_prev, pad)
    cols = windows(A_pad).reshape(-1, f * f * C)      # a copy: every window, one row
    Wm = W.reshape(f * f * C, nC)
    Z = (cols @ Wm).reshape(A_prev.shape[0], nH, nW, nC) + b
    d = dZ.reshape(-1, nC)
    dW = (cols.T @ d).reshape(W.shape)
    db = d.sum(axis=0).reshape(1, 1, 1, nC)
    dcols = (d @ Wm.T).reshape(A_prev.shape[0], nH, nW, f, f, C)
    dA_pad = np.zeros(A_pad.shape)
    for p in range(f):                                # col2im: f·f strided adds
        for q in range(f):
            dA_pad[:, p:p + stride * nH:stride, q:q + stride * nW:stride, :] += dcols[:, :, :, p, q, :]
    return Z, dA_pad[:, pad:pad + n_H_prev, pad:pad + n_W_prev, :], dW, db


few = A[:loop_m]
t0 = time.perf_counter()
conv_backward(dZ[:loop_m], few, Wt)
conv_forward(few, Wt, b)
loops = (time.perf_counter() - t0) * 1e3 / loop_m

# the two agree (a wrong anchor is worse than none)
Zl = conv_forward(few, Wt, b)
dl = conv_backward(dZ[:loop_m], few, Wt)
Zi, dAi, dWi, dbi = im2col_step(few, Wt, b, dZ[:loop_m])
assert np.allclose(Zl, Zi) and np.allclose(dl[0], dAi) and np.allclose(dl[1], dWi) and np.allclose(dl[2], dbi)

im2col_step(A, Wt, b, dZ)
t = []
for _ in range(reps):
    t0 = time.perf_counter()
    im2col_step(A, Wt, b, dZ)
    t.append((time.perf_counter() - t0) * 1e3)
t.sort()
config = np.show_config(mode="dicts") if hasattr(np, "show_config") else {}
try:
    blas = config["Build Dependencies"]["blas"]["name"]
except (KeyError, TypeError):
    blas = "unknown"
print("CONV " + json.dumps({"im2colMedianMs": t[len(t) // 2], "im2colMinMs": t[0], "im2colMaxMs": t[-1],
                            "loopsMsPerExample": loops, "numpy": np.__version__, "blas": blas}))
