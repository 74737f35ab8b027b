"""Replays the step-0 comparison of a twinnet report.json with numpy, independently of twinnet's code.

Reads the data, the initial weights and (with dropout) the masks of the step-0 pass from the report,
runs the course's forward and backward pass, and prints one JSON line: the largest relative error of
the cost and of every gradient against each side's numbers in the report.

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
    init = r["initial"]
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
