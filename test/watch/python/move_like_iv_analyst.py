#!/usr/bin/python3
"""Moves a job at one biobank the way the deployed iv-analyst.py does, for ivjm's watch tests.

The writes follow that tool (intervene-EU-H2020/intervene-job-manager at fbd2724): the task.json
is found through the inbox note, cut out of the printed bytes value between its first two `'`;
"download" writes `status/processing` with the body `<user>: <str(datetime.now())>` as
text/plain; "upload" uploads each output from the working folder with SwiftService into the
pseudo-container `<bucket>/jobs/<csc-user>/<job>/<biobank>/results`, then writes `status/ready`
with the same kind of body. Only the login differs: tempauth from SWIFT_TEMPAUTH_URL,
SWIFT_TEMPAUTH_USER and SWIFT_TEMPAUTH_KEY instead of Keystone.

Usage: move_like_iv_analyst.py claim|deliver --container C --biobank B --job JOBID [--work DIR]
("deliver" writes each declared output into DIR first, with a line of text, as a run would.)
Run it with Debian's /usr/bin/python3, which has python-swiftclient.
"""

import argparse
import datetime
import json
import os

import swiftclient
from swiftclient.service import SwiftService


def connection():
    return swiftclient.client.Connection(
        authurl=os.environ["SWIFT_TEMPAUTH_URL"],
        user=os.environ["SWIFT_TEMPAUTH_USER"],
        key=os.environ["SWIFT_TEMPAUTH_KEY"],
        auth_version="1",
    )


def task_of(conn, bucket, biobank, job):
    printed = str(conn.get_object(bucket, biobank + "/requests/" + job, headers=None)[1])
    return json.loads(conn.get_object(bucket, printed.split(sep="'")[1])[1])


def put_marker(conn, bucket, task, job, biobank, marker):
    user = os.environ["SWIFT_TEMPAUTH_USER"].split(":")[-1]
    key = "jobs/" + task["csc-user"] + "/" + job + "/" + biobank + "/status/" + marker
    conn.put_object(bucket, key, contents=(user + ": " + str(datetime.datetime.now())), content_type="text/plain")


def upload_outputs(bucket, task, job, biobank, work):
    options = {
        "auth": os.environ["SWIFT_TEMPAUTH_URL"],
        "user": os.environ["SWIFT_TEMPAUTH_USER"],
        "key": os.environ["SWIFT_TEMPAUTH_KEY"],
        "auth_version": "1.0",
        "os_auth_url": None,
        "os_storage_url": None,
        "os_auth_token": None,
        "object_uu_threads": 4,
    }
    os.chdir(work)
    target = bucket + "/jobs/" + task["csc-user"] + "/" + job + "/" + biobank + "/results"
    for output in task["outputs"]:
        with open(output["path"], "w") as f:
            f.write("result of " + job + " at " + biobank + "\n")
        with SwiftService(options=options) as swift:
            for outcome in swift.upload(target, [output["path"]], {"segment_size": 5000000000}):
                if not outcome["success"]:
                    raise SystemExit("upload failed: " + str(outcome.get("error")))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("step", choices=["claim", "deliver"])
    parser.add_argument("--container", required=True)
    parser.add_argument("--biobank", required=True)
    parser.add_argument("--job", required=True)
    parser.add_argument("--work", default=".")
    args = parser.parse_args()
    conn = connection()
    task = task_of(conn, args.container, args.biobank, args.job)
    if args.step == "deliver":
        upload_outputs(args.container, task, args.job, args.biobank, args.work)
    put_marker(conn, args.container, task, args.job, args.biobank, "processing" if args.step == "claim" else "ready")


if __name__ == "__main__":
    main()
