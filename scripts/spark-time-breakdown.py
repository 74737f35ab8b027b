#!/usr/bin/env python3
"""Where a Spark run's time went, from Spark's own event log (spark.eventLog.enabled=true).

    scripts/spark-time-breakdown.py EVENT-LOG-FILE

Per kind of stage (Spark names a stage after the call that made it, e.g. "treeAggregate at
ParameterAveragingTrainingMaster.java:NNN"): how many, their wall time on the driver's clock, and the sums of
their tasks' metrics (run time, deserialising the task and its broadcasts, serialising the result, GC,
shuffle). The application's wall time minus the time inside jobs is the driver's own work between jobs
(building and broadcasting the network, scheduling, reading the averaged parameters back). Standard
library only.
"""
import collections
import json
import re
import sys


def main(path):
    stage_name, stage_wall = {}, collections.Counter()
    tasks = collections.defaultdict(collections.Counter)
    jobs, job_wall = 0, 0
    job_start, app_start, app_end = {}, None, None
    with open(path) as f:
        for line in f:
            e = json.loads(line)
            kind = e["Event"]
            if kind == "SparkListenerApplicationStart":
                app_start = e["Timestamp"]
            elif kind == "SparkListenerApplicationEnd":
                app_end = e["Timestamp"]
            elif kind == "SparkListenerJobStart":
                job_start[e["Job ID"]] = e["Submission Time"]
            elif kind == "SparkListenerJobEnd" and e["Job ID"] in job_start:
                jobs += 1
                job_wall += e["Completion Time"] - job_start[e["Job ID"]]
            elif kind == "SparkListenerStageCompleted":
                info = e["Stage Info"]
                name = re.sub(r":\d+$", "", info["Stage Name"])
                stage_name[info["Stage ID"]] = name
                if "Submission Time" in info and "Completion Time" in info:
                    stage_wall[name] += info["Completion Time"] - info["Submission Time"]
                tasks[name]["stages"] += 1
            elif kind == "SparkListenerTaskEnd" and e.get("Task Metrics"):
                m = e["Task Metrics"]
                t = tasks[e["Stage ID"]]
                t["tasks"] += 1
                t["run"] += m["Executor Run Time"]
                t["deserialise"] += m["Executor Deserialize Time"]
                t["serialise result"] += m["Result Serialization Time"]
                t["gc"] += m["JVM GC Time"]
                t["shuffle fetch wait"] += m["Shuffle Read Metrics"]["Fetch Wait Time"]
                t["shuffle write"] += m["Shuffle Write Metrics"]["Shuffle Write Time"] / 1e6
                t["shuffle bytes"] += m["Shuffle Write Metrics"]["Shuffle Bytes Written"]
    by_name = collections.defaultdict(collections.Counter)
    for stage, counts in list(tasks.items()):
        if isinstance(stage, int):
            by_name[stage_name.get(stage, "?")].update(counts)
        else:
            by_name[stage].update(counts)
    wall = (app_end - app_start) / 1000 if app_start and app_end else float("nan")
    print(f"application {wall:.1f} s; {jobs} jobs, {job_wall / 1000:.1f} s inside jobs, "
          f"{wall - job_wall / 1000:.1f} s on the driver between jobs")
    cols = ["stages", "tasks", "wall", "run", "deserialise", "serialise result", "gc", "shuffle fetch wait",
            "shuffle write", "shuffle bytes"]
    print("| stage | " + " | ".join(cols) + " |")
    print("|---" * (len(cols) + 1) + "|")
    for name, c in sorted(by_name.items(), key=lambda kv: -stage_wall[kv[0]]):
        row = [str(c["stages"]), str(c["tasks"]), f"{stage_wall[name] / 1000:.2f} s"]
        row += [f"{c[k] / 1000:.2f} s" for k in cols[3:9]]
        row.append(f"{c['shuffle bytes'] / 1e6:.1f} MB")
        print(f"| {name} | " + " | ".join(row) + " |")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: scripts/spark-time-breakdown.py EVENT-LOG-FILE")
    main(sys.argv[1])
