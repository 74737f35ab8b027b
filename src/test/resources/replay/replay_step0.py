"""Replays the step-0 comparison of a twinnet report.json with numpy, independently of twinnet's code.

Reads the data, the initial weights and (with dropout) the masks of the step-0 pass from the report,
runs the course's forward and backward pass, and prints one JSON line: the largest relative error of
the cost and of every gradient against each side's numbers in the report. A network with conv stages
("spec.input", "spec.convs") runs them first, written here as sums over window offsets (einsum), not as
the notebook's loops over positions: images are the columns of x, each (h, w, c) values; W (f, f, n_C_prev,
n_C), b (1, 1, 1, n_C); the conv layers are W1…WK and the dense layers follow as W(K+1)….

usage: python3 replay_step0.py report.json
"""
import json
import sys

import numpy as np


def act(name, alpha, Z):
    if name == "relu":
        return np.maximum(Z, 0)
    if name == "leaky_relu":
        return np.where(Z > 0, Z, alpha * Z)
    if name == "elu":
        return np.where(Z > 0, Z, alpha * (np.exp(Z) - 1))
    if name == "sigmoid":
        return 1 / (1 + np.exp(-Z))
    if name == "tanh":
        return np.tanh(Z)
    if name == "identity":
        return Z
    if name == "softmax":
        E = np.exp(Z - Z.max(axis=0, keepdims=True))
        return E / E.sum(axis=0, keepdims=True)
    raise ValueError(name)


def act_backward(name, alpha, dA, Z):
    if name == "relu":
        return dA * (Z > 0)
    if name == "leaky_relu":
        return dA * np.where(Z > 0, 1, alpha)
    if name == "elu":
        return dA * np.where(Z > 0, 1, alpha * np.exp(Z))
    if name == "sigmoid":
        s = 1 / (1 + np.exp(-Z))
        return dA * s * (1 - s)
    if name == "tanh":
        return dA * (1 - np.tanh(Z) ** 2)
    if name == "identity":
        return dA
    raise ValueError(name)


def windows(A, f, s, nH, nW):
    """For each window offset (p, q): A[:, h·s + p, w·s + q, :] over every output position (h, w)."""
    for p in range(f):
        for q in range(f):
            yield p, q, (slice(None), slice(p, p + s * (nH - 1) + 1, s), slice(q, q + s * (nW - 1) + 1, s), slice(None))


def conv_front(stages, A, params):
    """Forward through the conv stages: per stage its cache and the output."""
    caches, k = [], 0
    for st in stages:
        m, H, Wd, C = A.shape
        if "conv" in st:
            c = st["conv"]
            k += 1
            Wc, bc = params["W%d" % k], params["b%d" % k]
            f, s, pad = c["f"], c["stride"], c["pad"]
            Ap = np.pad(A, ((0, 0), (pad, pad), (pad, pad), (0, 0)))
            nH, nW = (H - f + 2 * pad) // s + 1, (Wd - f + 2 * pad) // s + 1
            Z = np.zeros((m, nH, nW, Wc.shape[3])) + bc
            for p, q, win in windows(Ap, f, s, nH, nW):
                Z = Z + np.einsum("mhwi,io->mhwo", Ap[win], Wc[p, q])
            caches.append(("conv", k, c, A, Ap, Z))
            A = act(c["activation"], 0.01, Z)
        else:
            c = st["pool"]
            f, s = c["f"], c["stride"]
            nH, nW = (H - f) // s + 1, (Wd - f) // s + 1
            parts = np.stack([A[win] for _, _, win in windows(A, f, s, nH, nW)])
            out = parts.max(axis=0) if c["mode"] == "max" else parts.mean(axis=0)
            caches.append(("pool", 0, c, A, None, out))
            A = out
    return caches, A


def conv_back(caches, dA, m, params, grads):
    """Backward through the conv stages from dA of their output; dW and db are of J = 1/m·Σ L."""
    for kind, k, c, A, Ap, out in reversed(caches):
        f, s = c["f"], c["stride"]
        nH, nW = out.shape[1], out.shape[2]
        if kind == "conv":
            dZ = act_backward(c["activation"], 0.01, dA, out)
            Wc = params["W%d" % k]
            dW, dAp = np.zeros_like(Wc), np.zeros_like(Ap)
            for p, q, win in windows(Ap, f, s, nH, nW):
                dW[p, q] = np.einsum("mhwi,mhwo->io", Ap[win], dZ)
                dAp[win] += np.einsum("mhwo,io->mhwi", dZ, Wc[p, q])
            grads["dW%d" % k] = dW / m
            grads["db%d" % k] = dZ.sum(axis=(0, 1, 2)).reshape(1, 1, 1, -1) / m
            pad = c["pad"]
            dA = dAp[:, pad:dAp.shape[1] - pad, pad:dAp.shape[2] - pad, :]
        else:
            dPrev = np.zeros_like(A)
            for _, _, win in windows(A, f, s, nH, nW):
                # max: every tied maximum of a window (the course's mask, x == max(x)); average: dz/(f·f)
                dPrev[win] += dA * (A[win] == out) if c["mode"] == "max" else dA / (f * f)
            dA = dPrev


def main(path):
    r = json.load(open(path))
    spec = r["spec"]
    if r["data"]["x"] is None:
        print(json.dumps({"skipped": "the report does not hold the data"}))
        return
    X = np.array(r["data"]["x"], dtype=float)
    Y = np.array(r["data"]["y"], dtype=float)
    m = X.shape[1]
    L = len(spec["layers"]) - 1
    init = {k: np.array(v, dtype=float) for k, v in r["initial"].items()}
    stages = spec.get("convs", [])
    K = sum(1 for st in stages if "conv" in st)
    front = None
    if stages:  # the images through the conv stages, then flattened per example in (h, w, c) order
        H, Wd, C = spec["input"]
        front, out = conv_front(stages, X.T.reshape(m, H, Wd, C), init)
        X = out.reshape(m, -1).T
    # the dense layers as the report numbers them: W(K+1), …, W(K+L)
    init = {("%s%d" % (k.rstrip("0123456789"), int(k[len(k.rstrip("0123456789")):]) - K)): v for k, v in init.items()
            if int(k[len(k.rstrip("0123456789")):]) > K}
    W = [np.array(init["W%d" % l]) for l in range(1, L + 1)]
    # a batch-normalised layer has gamma, beta (and running averages) instead of b
    bn = spec.get("batchNorm")
    b = [np.array(init["b%d" % l]) if "b%d" % l in init else np.zeros((W[l - 1].shape[0], 1)) for l in range(1, L + 1)]
    gamma = {l: np.array(init["gamma%d" % l]) for l in range(1, L + 1) if "gamma%d" % l in init}
    beta = {l: np.array(init["beta%d" % l]) for l in range(1, L + 1) if "beta%d" % l in init}
    dropout = spec.get("dropout")
    keep = dropout["keepProb"] if dropout else [1.0] * (L - 1)
    masks = dropout["masks"]["atStart"] if dropout else [None] * (L - 1)

    def g(l):
        return (spec["output"], spec.get("outputAlpha")) if l == L else (spec["hidden"], spec.get("hiddenAlpha"))

    # forward: Z = W·A_prev + b, A = g(Z), and after hidden layer l: A ← A ⊙ D / keep_prob
    # batch norm in training: Z_norm = (Z − μ)/√(σ² + ε) with the batch's μ and population σ², Z̃ = γ·Z_norm + β
    A, caches, norms = X, [], {}
    for l in range(1, L + 1):
        Z = W[l - 1] @ A + b[l - 1]
        if l in gamma:
            mu = Z.mean(axis=1, keepdims=True)
            var = ((Z - mu) ** 2).mean(axis=1, keepdims=True)
            std = np.sqrt(var + bn["epsilon"])
            Zn = (Z - mu) / std
            norms[l] = (Zn, std)
            Z = gamma[l] * Zn + beta[l]
        caches.append((A, Z))
        A = act(*g(l), Z)
        if l < L and masks[l - 1] is not None:
            A = A * np.array(masks[l - 1]) / keep[l - 1]
    AL, loss = A, spec["loss"]
    if loss == "half_mse":
        cost, dA, dZ = np.sum((AL - Y) ** 2) / (2 * m), AL - Y, None
    elif loss == "mse":
        cost, dA, dZ = np.sum((AL - Y) ** 2) / (m * Y.shape[0]), 2 * (AL - Y) / Y.shape[0], None
    elif loss == "bce":
        cost = -np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)) / m
        dA, dZ = None, AL - Y
    else:  # cce with softmax: dZ = A − Y
        cost, dA, dZ = -np.sum(Y * np.log(AL)) / m, None, AL - Y

    grads = {}
    for l in range(L, 0, -1):
        A_prev, Z = caches[l - 1]
        if not (l == L and dZ is not None):
            dZ = act_backward(*g(l), dA, Z)
        if l in norms:  # dγ, dβ, then dZ through Z_norm, μ and σ²
            Zn, std = norms[l]
            grads["dgamma%d" % l] = (dZ * Zn).sum(axis=1, keepdims=True) / m
            grads["dbeta%d" % l] = dZ.sum(axis=1, keepdims=True) / m
            dZn = dZ * gamma[l]
            dZ = (dZn - dZn.mean(axis=1, keepdims=True) - Zn * (dZn * Zn).mean(axis=1, keepdims=True)) / std
        else:
            grads["db%d" % l] = dZ.sum(axis=1, keepdims=True) / m
        grads["dW%d" % l] = dZ @ A_prev.T / m
        dA = W[l - 1].T @ dZ
        if l >= 2 and masks[l - 2] is not None:
            dA = dA * np.array(masks[l - 2]) / keep[l - 2]
        dZ = None
    if front is not None:  # dA of the flattened input, back into the last stage's shape, and down the stages
        conv_grads = {}
        conv_back(front, dA.T.reshape(front[-1][5].shape), m, {k: np.array(v) for k, v in r["initial"].items()},
                  conv_grads)
        grads = {("%s%d" % (k.rstrip("0123456789"), int(k[len(k.rstrip("0123456789")):]) + K)): v
                 for k, v in grads.items()}
        grads.update(conv_grads)
    lam = r["optimizer"]["l2"]
    if lam > 0:  # L2: J += λ/(2m)·Σ‖W‖², dW += (λ/m)·W
        cost += lam / (2 * m) * sum(np.sum(w * w) for w in W)
        for l in range(1, L + 1):
            grads["dW%d" % l] = grads["dW%d" % l] + lam / m * W[l - 1]

    # relative errors; a tensor whose difference is below twinnet's rounding floor (1e-13 of the largest
    # gradient norm, see Tolerances) is rounding, as when the exact gradient is 0 and one side has 1e-17
    scale = max(np.linalg.norm(G) for G in grads.values())
    out = {}
    for side in ("scratch", "dl4j"):
        s0 = r["step0"][side]
        worst = abs(cost - s0["loss"]) / max(abs(cost), 1e-300)
        for name, G in grads.items():
            diff = np.linalg.norm(G - np.array(s0["grads"][name]))
            if diff > 1e-13 * scale:
                worst = max(worst, float(diff / max(np.linalg.norm(G), 1e-300)))
        out[side] = worst
    print(json.dumps(out))


if __name__ == "__main__":
    main(sys.argv[1])
