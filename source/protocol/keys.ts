import {parseJobId, type JobId, type ParsedJobId} from './job-id.js';
import {assertName, checkName, InvalidName, maxKeyBytes, utf8Length} from './names.js';

/** The bucket (Swift container) of a CSC project, as the Python tools name it. */
export function defaultBucket(project: string): string {
	return `${assertName('project', project)}-intervene-tasks`;
}

/** Where python-swiftclient puts the segments of a large object uploaded into `bucket`. */
export function segmentsContainer(bucket: string): string {
	return `${assertName('bucket', bucket)}_segments`;
}

export const jobsPrefix = 'jobs/';

/** `jobs/<user>/`: every object of every job of one requester. */
export function userPrefix(user: string): string {
	return `${jobsPrefix}${assertName('user', user)}/`;
}

/** `jobs/<user>/<jobid>/`: the folder of one job; the user is the one inside the job id. */
export function jobPrefix(jobId: JobId): string {
	return `${jobsPrefix}${assertJobId(jobId).user}/${jobId}/`;
}

export function taskKey(jobId: JobId): string {
	return limit(`${jobPrefix(jobId)}task.json`);
}

/**
 * `jobs/<user>/<jobid>/reservation`: written create-only before anything else of a job, so two
 * submits in one second never share an id. The Python tools never read it: their requester
 * tool takes the job id from the folder and reads task.json, their analyst tool lists inbox notes.
 */
export function reservationKey(jobId: JobId): string {
	return limit(`${jobPrefix(jobId)}reservation`);
}

/** `input/<file>`; `file` may hold sub-folders (`a/b.txt`), each part a valid name. */
export function inputKey(jobId: JobId, file: string): string {
	return limit(`${jobPrefix(jobId)}input/${relativeName(file)}`);
}

export function biobankPrefix(jobId: JobId, biobank: string): string {
	return `${jobPrefix(jobId)}${assertName('biobank', biobank)}/`;
}

export function biobankTaskKey(jobId: JobId, biobank: string): string {
	return limit(`${biobankPrefix(jobId, biobank)}task.json`);
}

export function statusPrefix(jobId: JobId, biobank: string): string {
	return `${biobankPrefix(jobId, biobank)}status/`;
}

export function markerKey(jobId: JobId, biobank: string, marker: string): string {
	return limit(`${statusPrefix(jobId, biobank)}${assertName('marker', marker)}`);
}

export function resultsPrefix(jobId: JobId, biobank: string): string {
	return `${biobankPrefix(jobId, biobank)}results/`;
}

/** `results/<output>`, where `output` is a task output's path without its leading `./`. */
export function resultKey(jobId: JobId, biobank: string, output: string): string {
	return limit(`${resultsPrefix(jobId, biobank)}${relativeName(output)}`);
}

/** `<biobank>/requests/`: the inbox of one biobank. */
export function requestsPrefix(biobank: string): string {
	return `${assertName('biobank', biobank)}/requests/`;
}

/** The inbox note that tells `biobank` about a job. */
export function requestKey(biobank: string, jobId: JobId): string {
	return limit(`${requestsPrefix(biobank)}${assertJobId(jobId).jobId}`);
}

/** What a key of the bucket is. Every `jobs/` variant names its job by `user` and `jobId`. */
export type ParsedKey =
	| {kind: 'task'; user: string; jobId: JobId}
	| {kind: 'reservation'; user: string; jobId: JobId}
	| {kind: 'input'; user: string; jobId: JobId; file: string}
	| {kind: 'biobank-task'; user: string; jobId: JobId; biobank: string}
	| {kind: 'marker'; user: string; jobId: JobId; biobank: string; marker: string}
	| {kind: 'result'; user: string; jobId: JobId; biobank: string; file: string}
	| {kind: 'request'; user: string; jobId: JobId; biobank: string}
	| {kind: 'unknown'; key: string};

/**
 * Reads a key of the layout. Never throws; anything that does not fit exactly (a bad name, an
 * extra level, a job id whose user is not the folder's user) is `unknown`, so that a stray or
 * hostile object is never filed under another job.
 */
export function parseKey(key: string): ParsedKey {
	const unknown = {kind: 'unknown', key} as const;
	if (typeof key !== 'string' || utf8Length(key) > maxKeyBytes) {
		return unknown;
	}

	const parts = key.split('/');
	if (!parts.every((part) => checkName('file name', part).ok)) {
		return unknown;
	}

	const [top, second, third, fourth, fifth, sixth] = parts;
	if (top !== 'jobs') {
		if (parts.length !== 3 || second !== 'requests' || !checkName('biobank', top).ok) {
			return unknown;
		}

		const job = parseJobId(third ?? '');
		return job && top !== undefined
			? {kind: 'request', user: job.user, jobId: job.jobId, biobank: top}
			: unknown;
	}

	const job = parseJobId(third ?? '');
	if (!job || job.user !== second || fourth === undefined) {
		return unknown;
	}

	const {user, jobId} = job;
	if (parts.length === 4) {
		if (fourth === 'task.json') return {kind: 'task', user, jobId};
		return fourth === 'reservation' ? {kind: 'reservation', user, jobId} : unknown;
	}

	if (fourth === 'input') {
		return {kind: 'input', user, jobId, file: parts.slice(4).join('/')};
	}

	if (!checkName('biobank', fourth).ok || fifth === undefined) {
		return unknown;
	}

	const biobank = fourth;
	if (parts.length === 5) {
		return fifth === 'task.json' ? {kind: 'biobank-task', user, jobId, biobank} : unknown;
	}

	if (fifth === 'status' && parts.length === 6 && sixth !== undefined) {
		return {kind: 'marker', user, jobId, biobank, marker: sixth};
	}

	if (fifth === 'results') {
		return {kind: 'result', user, jobId, biobank, file: parts.slice(5).join('/')};
	}

	return unknown;
}

function assertJobId(jobId: JobId): ParsedJobId {
	const parsed = parseJobId(jobId);
	if (!parsed) {
		throw new InvalidName(`${JSON.stringify(jobId)} is not a job id (<unix-seconds>-<user>).`);
	}

	return parsed;
}

function relativeName(path: string): string {
	const parts = path.split('/');
	for (const part of parts) {
		assertName('file name', part);
	}

	return path;
}

function limit(key: string): string {
	if (utf8Length(key) > maxKeyBytes) {
		throw new InvalidName(
			`The key would be longer than ${maxKeyBytes} bytes: ${key.slice(0, 80)}…`,
		);
	}

	return key;
}
