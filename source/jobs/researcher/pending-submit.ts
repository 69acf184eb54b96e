import {stat} from 'node:fs/promises';
import {join, resolve} from 'node:path';
import {z} from 'zod';
import {ivjmPaths} from '../../config/paths.js';
import type {NewTaskRequest} from '../../protocol/new-task.js';
import {journalFile, type JournalFile} from '../../transfer/journal.js';

/** `<XDG state>/ivjm/submits/`: the submits that reserved an id and have not finished. */
export function defaultPendingFolder(): string {
	return join(ivjmPaths().state, 'submits');
}

const pendingSchema = z.object({
	version: z.literal(1),
	kind: z.literal('submit'),
	jobId: z.string(),
	token: z.string(),
	date: z.string(),
});

/** A submit that reserved `jobId` (holding `token`) and was stopped before it finished. */
export type PendingSubmit = z.infer<typeof pendingSchema>;

/**
 * The record of one unfinished submit, named by what the researcher asked for (every field
 * but the id and the time) and by each local file's path, size and modification time: run
 * again with the same request and unchanged files, a submit finds it and resumes that job.
 */
export async function pendingSubmit(
	folder: string,
	bucket: string,
	request: NewTaskRequest,
	files: ReadonlyMap<string, string>,
): Promise<JournalFile<PendingSubmit>> {
	const {jobId: _jobId, date: _date, ...asked} = request;
	const identity = [bucket, JSON.stringify(asked)];
	for (const [name, path] of [...files].sort(([a], [b]) => (a < b ? -1 : 1))) {
		const absolute = resolve(path);
		const info = await stat(absolute, {bigint: true}).catch(() => undefined);
		identity.push(name, absolute, `${info?.size ?? '-'}`, `${info?.mtimeNs ?? '-'}`);
	}

	return journalFile(folder, 'submit', identity, pendingSchema);
}
