"""A misbehaving implementation for the protocol's tests: python3 fake_client.py MODE.

It defines linear_forward only and answers it correctly, except as MODE says: ok, junk (prints lines that
are not the protocol's before each answer), badjson (a broken line), shape (Z transposed), nan (Z all NaN),
crash (exits in the middle of an answer), hang (never answers), nohello (starts with something else),
future (answers with an id it was not sent), noresult (ok without a result).
"""
import json
import os
import sys
import time

mode = sys.argv[1]
out = sys.stdout


def send(obj):
    out.write(json.dumps(obj) + "\n")
    out.flush()


if mode == "nohello":
    send({"greeting": "hi"})
    time.sleep(30)
    sys.exit(0)
send({"hello": "twinnet.check/1", "language": "python fake", "defines": ["linear_forward"]})
for line in sys.stdin:
    req = json.loads(line)
    if req["call"] == "__exit__":
        break
    A, W, b = (a["ndarray"] for a in req["args"])
    Z = [[sum(W[i][k] * A[k][j] for k in range(len(A))) + b[i][0] for j in range(len(A[0]))] for i in range(len(W))]
    if mode == "shape":
        Z = [list(r) for r in zip(*Z)]
    if mode == "nan":
        Z = [["NaN" for _ in r] for r in Z]
    result = [{"ndarray": Z, "shape": [len(Z), len(Z[0])]}, req["args"]]
    if mode == "junk":
        out.write("debug: computing Z\n")
        out.write("[1, 2, 3]\n")
    if mode == "badjson":
        out.write('{"id": %d, "ok": tru\n' % req["id"])
        out.flush()
        continue
    if mode == "crash":
        out.write('{"id": %d, "ok": true, "res' % req["id"])
        out.flush()
        os._exit(7)
    if mode == "hang":
        time.sleep(3600)
    if mode == "future":
        send({"id": req["id"] + 5, "ok": True, "result": result})
        continue
    if mode == "noresult":
        send({"id": req["id"], "ok": True})
        continue
    send({"id": req["id"], "ok": True, "result": result})
