import {homedir} from 'node:os';
import {join, resolve} from 'node:path';
import {parseJobId} from '../../protocol/job-id.js';

/**
 * Where an analyst's jobs are unpacked: `--dir`, else `$IVJM_WORK_DIR`, else `~/ivjm-work`.
 * A folder under the home, not the current directory: the Python tool wrote into wherever it was
 * started, and its result upload then looked for files in the wrong place.
 */
export function workFolder(
	explicit?: string,
	environment: NodeJS.ProcessEnv = process.env,
): string {
	const chosen = explicit ?? environment['IVJM_WORK_DIR'];
	return resolve(chosen !== undefined && chosen !== '' ? chosen : join(homedir(), 'ivjm-work'));
}

/** `<work folder>/<jobid>`: a job id is `<seconds>-<user>` with a checked user name, so one segment. */
export function jobFolderOf(work: string, jobId: string): string {
	if (!parseJobId(jobId)) throw new RangeError(`${JSON.stringify(jobId)} is not a job id.`);
	return join(work, jobId);
}
