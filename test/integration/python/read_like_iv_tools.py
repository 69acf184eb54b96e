#!/usr/bin/python3
"""Reads an INTERVENE job bucket the way the deployed iv-request.py and iv-analyst.py do.

The reads follow those tools (intervene-EU-H2020/intervene-job-manager at fbd2724, the version
that wrote shared/fixtures/python-tools-bucket) step by step: one unpaged listing, `re.search`
over every name (job ids and biobanks used as regular expressions), a biobank's status from the
sum 4*ready + 2*processing + 1*submitted, `json.loads` of each task.json, the analyst's inbox
note cut out of the printed bytes value between its first two `'`, and SwiftService downloads to
the local paths the tools use. Where a tool would crash (a task.json missing or not JSON, a note
that leads nowhere, a status sum the requester tool has no word for), this script crashes too,
with the same exception.

Only the login differs: tempauth from SWIFT_TEMPAUTH_URL, SWIFT_TEMPAUTH_USER and
SWIFT_TEMPAUTH_KEY instead of Keystone. Prints one JSON summary on stdout.

Usage: read_like_iv_tools.py --container C --user REQUESTER [--biobank B]... --work DIR
Run it with Debian's /usr/bin/python3, which has python-swiftclient.
"""

import argparse
import json
import os
import re
import sys

import swiftclient
from swiftclient.service import SwiftService


class Login:
    def __init__(self, auth_url, user, key):
        self.auth_url = auth_url
        self.user = user
        self.key = key

    def connection(self):
        return swiftclient.client.Connection(
            authurl=self.auth_url, user=self.user, key=self.key, auth_version="1"
        )

    def service(self, out_file):
        return SwiftService(
            options={
                "auth": self.auth_url,
                "user": self.user,
                "key": self.key,
                "auth_version": "1.0",
                "os_auth_url": None,
                "os_storage_url": None,
                "os_auth_token": None,
                "object_uu_threads": 4,
                "out_file": out_file,
            }
        )


def tool_download(login, bucket, name, out_file):
    """As the tools download a file: SwiftService to out_file; a failure is printed, never raised."""
    with login.service(out_file) as swift:
        outcomes = list(swift.download(bucket, [name]))
    exists = os.path.isfile(out_file)
    report = {
        "object": name,
        "tool_download_ok": len(outcomes) > 0 and all(o["success"] for o in outcomes),
        "errors": [str(o.get("error")) for o in outcomes if not o["success"]],
        "exists": exists,
    }
    if exists:
        with open(out_file, "rb") as f:
            report["content"] = f.read().decode("utf-8", errors="backslashreplace")
    return report


def status_sum(names, job, biobank):
    """Both tools: +4 for each name matching <job>/<biobank>/status/ready, +2 processing, +1 submitted."""
    total = 0
    for weight, marker in ((4, "ready"), (2, "processing"), (1, "submitted")):
        for name in names:
            if re.search(job + "/" + biobank + "/status/" + marker, name):
                total += weight
    return total


def load_task(conn, bucket, key):
    """json.loads of a task.json; also whether json.dumps(…, indent=2) gives back the same text."""
    raw = conn.get_object(bucket, key)[1]
    task = json.loads(raw)
    return task, json.dumps(task, indent=2) == raw.decode("utf-8")


def requester_view(conn, login, bucket, user, work):
    """iv-request.py: the job list at start-up, its statuses, and the download of ready jobs."""
    names = [row["name"] for row in conn.get_container(bucket)[1]]
    jobs_seen = []
    for name in names:
        if re.search("jobs/" + user + "/", name):
            job = name.split("/")[2]
            if job not in jobs_seen:
                jobs_seen.append(job)

    jobs = {}
    for job in jobs_seen:
        task, same_text = load_task(conn, bucket, "jobs/" + user + "/" + job + "/task.json")
        words = {}
        for biobank in task["biobanks"]:
            total = status_sum(names, job, biobank)
            if total in (7, 5, 4):
                words[biobank] = "ready"
            elif total == 3:
                words[biobank] = "processing"
            elif total == 1:
                words[biobank] = "submitted"
        # The tool's list and download index the status of each biobank of `biobanks`: a sum it
        # has no word for is a KeyError that ends it, and ends this script the same way.
        status = {biobank: words[biobank] for biobank in task["biobanks"]}
        downloadable = all(status[biobank] == "ready" for biobank in task["biobanks"])

        outputs = {}
        downloads = {}
        for biobank in task["biobanks"]:
            copy, _ = load_task(conn, bucket, "jobs/" + user + "/" + job + "/" + biobank + "/task.json")
            outputs[biobank] = [
                {"object": o["object"], "url": o["url"], "path": o["path"]} for o in copy["outputs"]
            ]
            if downloadable:
                os.makedirs(os.path.join(work, job, biobank), exist_ok=True)
                downloads[biobank] = [
                    tool_download(
                        login, bucket, o["object"], os.path.join(work, job + "/" + biobank + "/" + o["path"])
                    )
                    for o in copy["outputs"]
                ]

        jobs[job] = {
            "name": task["name"],
            "biobanks": task["biobanks"],
            "status": status,
            "downloadable": downloadable,
            "outputs": outputs,
            "downloads": downloads,
            "task_json_is_python_dump": same_text,
        }
    return {"objects_listed": len(names), "tasks": jobs_seen, "jobs": jobs}


def analyst_view(conn, login, bucket, biobank, work):
    """iv-analyst.py: the biobank's requests and their lists, each task.json, and the download."""
    names = [row["name"] for row in conn.get_container(bucket)[1]]
    requests = [name.split("/")[-1] for name in names if re.search(biobank + "/requests/", name)]

    lists = {"ready": [], "active": [], "waiting": []}
    for job in requests:
        total = status_sum(names, job, biobank)
        if total in (7, 5):
            lists["ready"].append(job)
        elif total == 3:
            lists["active"].append(job)
        elif total == 1:
            lists["waiting"].append(job)

    jobs = {}
    for job in requests:
        # The tool prints the note's bytes value and takes the text between its first two quotes.
        printed = str(conn.get_object(bucket, biobank + "/requests/" + job, headers=None)[1])
        task_key = printed.split(sep="'")[1]
        task, same_text = load_task(conn, bucket, task_key)
        view = {
            "note": printed,
            "task_key": task_key,
            "task_json_is_python_dump": same_text,
            "name": task["name"],
            "csc-user": task["csc-user"],
            "inputs": [
                {"bucket": i["bucket"], "object": i["object"], "url": i["url"], "path": i["path"]}
                for i in task["inputs"]
            ],
            "instructions": [{"bucket": i["bucket"], "object": i["object"]} for i in task["instructions"]],
            "outputs": [{"path": o["path"], "url": o["url"]} for o in task["outputs"]],
            "processing_key": "jobs/" + task["csc-user"] + "/" + job + "/" + biobank + "/status/processing",
        }
        # Only a waiting job is offered for download; the tool saves into ./<jobid>/.
        if job in lists["waiting"]:
            folder = os.path.join(work, job)
            os.makedirs(folder, exist_ok=True)
            view["input_downloads"] = [
                tool_download(login, i["bucket"], i["object"], folder + "/" + i["path"])
                for i in task["inputs"]
            ]
            view["instruction_downloads"] = []
            for i in task["instructions"]:
                # The tool's local name is the folder and the object joined without a "/".
                report = tool_download(login, i["bucket"], i["object"], folder + i["object"])
                report["stored"] = stored_text(conn, i["bucket"], i["object"])
                view["instruction_downloads"].append(report)
        jobs[job] = view
    return {"requests": requests, "lists": lists, "jobs": jobs}


def stored_text(conn, bucket, name):
    """The object by bucket and object name with a plain GET: whether it exists, and its text."""
    try:
        return conn.get_object(bucket, name)[1].decode("utf-8", errors="backslashreplace")
    except swiftclient.exceptions.ClientException as error:
        return {"error": str(error.http_status)}


def markers(conn, bucket):
    """Every status marker: its body, what str.split(': ') makes of it, and its content type."""
    found = {}
    for row in conn.get_container(bucket)[1]:
        if re.search("/status/", row["name"]):
            headers, body = conn.get_object(bucket, row["name"])
            text = body.decode("utf-8")
            found[row["name"]] = {
                "body": text,
                "split": text.split(": "),
                "content_type": headers.get("content-type"),
            }
    return found


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--container", required=True)
    parser.add_argument("--user", required=True, help="the requester's CSC user")
    parser.add_argument("--biobank", action="append", default=[], help="an analyst's biobank")
    parser.add_argument("--work", required=True, help="working folder for the downloads")
    args = parser.parse_args()

    login = Login(
        os.environ["SWIFT_TEMPAUTH_URL"],
        os.environ["SWIFT_TEMPAUTH_USER"],
        os.environ["SWIFT_TEMPAUTH_KEY"],
    )
    conn = login.connection()
    bucket = args.container
    summary = {
        "requester": requester_view(conn, login, bucket, args.user, os.path.join(args.work, "requester")),
        "analyst": {
            biobank: analyst_view(conn, login, bucket, biobank, os.path.join(args.work, "analyst-" + biobank))
            for biobank in args.biobank
        },
        "markers": markers(conn, bucket),
    }
    json.dump(summary, sys.stdout, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
