import {createHash} from 'node:crypto';
import {readFile} from 'node:fs/promises';
import {join} from 'node:path';
import {writePrivateFile} from '../../util/write-private-file.js';
import type {SeenEntries} from './seen-jobs.js';

/** `<state>/seen/<hash of the scope>.json`: one file per user and table (store, bucket, role). */
export function seenFilePath(stateFolder: string, scope: string): string {
	const hash = createHash('sha256').update(scope).digest('hex').slice(0, 24);
	return join(stateFolder, 'seen', `${hash}.json`);
}

/**
 * The entries last saved, or undefined when there are none (the next listing is the baseline).
 * A file that cannot be parsed counts as none: it holds only which rows to mark, and is replaced
 * at the next save.
 */
export async function readSeenFile(path: string): Promise<SeenEntries | undefined> {
	let text: string;
	try {
		text = await readFile(path, 'utf8');
	} catch {
		return undefined;
	}

	try {
		const parsed = JSON.parse(text) as {jobs?: unknown};
		const jobs = parsed.jobs;
		if (typeof jobs !== 'object' || jobs === null || Array.isArray(jobs)) return undefined;
		const entries: SeenEntries = {};
		for (const [jobId, fingerprint] of Object.entries(jobs))
			if (typeof fingerprint === 'string') entries[jobId] = fingerprint;
		return entries;
	} catch {
		return undefined;
	}
}

/**
 * Saves in the order asked, each write atomic (a temporary file renamed into place, 0600), and
 * only the latest when several wait: a burst of opened jobs is one or two writes.
 */
export function seenFileWriter(path: string, onError: (error: unknown) => void) {
	let writing: Promise<void> | undefined;
	let next: SeenEntries | undefined;
	const drain = async (): Promise<void> => {
		while (next) {
			const entries = next;
			next = undefined;
			await writePrivateFile(path, `${JSON.stringify({version: 1, jobs: entries})}\n`).catch(
				onError,
			);
		}

		writing = undefined;
	};

	return {
		write(entries: SeenEntries): void {
			next = entries;
			writing ??= drain();
		},
		/** Resolves when everything asked so far is on disk (for tests and quitting). */
		async flushed(): Promise<void> {
			while (writing) {
				await writing;
			}
		},
	};
}
