import {join, resolve} from 'node:path';
import {parseJobId} from '../../protocol/job-id.js';

/**
 * Where an analyst's jobs are unpacked: `--dir` when given, else the session's work folder (the
 * `workDir` setting). Never the current directory: the Python tool wrote into wherever it was
 * started, and its result upload then looked for files in the wrong place.
 */
export function resolveWorkFolder(explicit: string | undefined, sessionFolder: string): string {
	return resolve(explicit !== undefined && explicit !== '' ? explicit : sessionFolder);
}

/** `<work folder>/<jobid>`: a job id is `<seconds>-<user>` with a checked user name, so one segment. */
export function jobFolderOf(work: string, jobId: string): string {
	if (!parseJobId(jobId)) throw new RangeError(`${JSON.stringify(jobId)} is not a job id.`);
	return join(work, jobId);
}
