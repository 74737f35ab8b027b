"""Replays a recurrent case from its report.json alone, in numpy, as an outside reference would.

Usage: python3 replay_recurrent.py REPORT.json
Prints {"loss": worst relative difference of the replayed loss to the report's scratch and DL4J losses over every
step, "final": worst relative difference of the replayed final parameters to both sides' final parameters}.
The layout it reads is documented in compare/README.md, "Recurrent cases".
"""
import json
import sys

import numpy as np


def softmax(z):
    e = np.exp(z - z.max(axis=0, keepdims=True))
    return e / e.sum(axis=0, keepdims=True)


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def batch(report, step):
    """x (n_x, m, T) and the targets y (T, m) of one step."""
    T = step["T"]
    if report["data"]["kind"] == "random":
        return np.stack([np.array(xt) for xt in step["x"]], axis=2), np.array(step["y"], dtype=int)
    text, vocab = report["data"]["text"], report["data"]["vocabulary"]
    x = np.zeros((len(vocab), report["m"], T))
    y = np.zeros((T, report["m"]), dtype=int)
    for i, s in enumerate(step["starts"]):
        for t in range(T):
            x[vocab.index(text[s + t]), i, t] = 1
            y[t, i] = vocab.index(text[s + t + 1])  # the target: the next character
    return x, y


def forward_backward(cell, p, x, y):
    n_x, m, T = x.shape
    n_a = p["Wya" if cell == "rnn" else "Wy"].shape[1]
    Wy = p["Wya"] if cell == "rnn" else p["Wy"]
    a, c = np.zeros((n_a, m)), np.zeros((n_a, m))
    cache, loss = [], 0.0
    dWy, dby, da = np.zeros_like(Wy), np.zeros_like(p["by"]), []
    for t in range(T):
        a_prev, c_prev = a, c
        if cell == "rnn":
            a = np.tanh(p["Wax"] @ x[:, :, t] + p["Waa"] @ a_prev + p["ba"])
            cache.append((a, a_prev))
        else:
            z = np.concatenate([a_prev, x[:, :, t]])
            f = sigmoid(p["Wf"] @ z + p["bf"])
            i = sigmoid(p["Wi"] @ z + p["bi"])
            g = np.tanh(p["Wc"] @ z + p["bc"])
            o = sigmoid(p["Wo"] @ z + p["bo"])
            c = f * c_prev + i * g
            a = o * np.tanh(c)
            cache.append((z, f, i, g, o, c, c_prev))
        yhat = softmax(Wy @ a + p["by"])
        loss -= np.log(yhat[y[t], np.arange(m)]).sum() / m
        dz = yhat.copy()
        dz[y[t], np.arange(m)] -= 1
        dz /= m
        dWy += dz @ a.T
        dby += dz.sum(axis=1, keepdims=True)
        da.append(Wy.T @ dz)
    grads = {k: np.zeros_like(v) for k, v in p.items()}
    grads["Wya" if cell == "rnn" else "Wy"], grads["by"] = dWy, dby
    da_next, dc_next = np.zeros((n_a, m)), np.zeros((n_a, m))
    for t in reversed(range(T)):
        d = da[t] + da_next
        if cell == "rnn":
            a_t, a_prev = cache[t]
            dz = (1 - a_t ** 2) * d
            grads["Wax"] += dz @ x[:, :, t].T
            grads["Waa"] += dz @ a_prev.T
            grads["ba"] += dz.sum(axis=1, keepdims=True)
            da_next = p["Waa"].T @ dz
        else:
            z, f, i, g, o, c, c_prev = cache[t]
            dc = dc_next + d * o * (1 - np.tanh(c) ** 2)
            gates = {"f": dc * c_prev * f * (1 - f), "i": dc * g * i * (1 - i), "c": dc * i * (1 - g ** 2),
                     "o": d * np.tanh(c) * o * (1 - o)}
            dzc = np.zeros_like(z)
            for k, dg in gates.items():
                grads["W" + k] += dg @ z.T
                grads["b" + k] += dg.sum(axis=1, keepdims=True)
                dzc += p["W" + k].T @ dg
            da_next, dc_next = dzc[:n_a], dc * f
    return loss, grads


def replay(report):
    p = {k: np.array(v, dtype=float) for k, v in report["initial"].items()}
    worst_loss = 0.0
    for step in report["steps"]:
        x, y = batch(report, step)
        loss, grads = forward_backward(report["cell"], p, x, y)
        for side in ("scratch", "dl4j"):
            worst_loss = max(worst_loss, abs(loss - step["loss"][side]) / abs(loss))
        clip = report["clip"]
        for k in p:
            g = grads[k] if clip is None else np.clip(grads[k], -clip, clip)
            p[k] = p[k] - report["learningRate"] * g
    worst_final = 0.0
    for side in ("scratch", "dl4j"):
        for k, v in report["final"][side].items():
            v = np.array(v, dtype=float)
            worst_final = max(worst_final, np.abs(p[k] - v).max() / np.abs(v).max())
    return {"loss": worst_loss, "final": worst_final, "steps": len(report["steps"])}


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8") as f:
        print(json.dumps(replay(json.load(f))))
