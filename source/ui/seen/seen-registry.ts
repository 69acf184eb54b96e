import {readSeenFile, seenFilePath, seenFileWriter} from './seen-file.js';
import {SeenJobs} from './seen-jobs.js';

/** Each table's seen state, opened once per scope and shared by the table and its job pages. */
export type SeenRegistry = {
	open(scope: string): Promise<SeenJobs>;
	/** Resolves when every save asked so far is written. */
	flushed(): Promise<void>;
};

/** Kept in the XDG state folder, so "changed since you last looked" survives a restart. */
export function fileSeenRegistry(
	stateFolder: string,
	onError: (error: unknown) => void = () => undefined,
): SeenRegistry {
	const opened = new Map<string, Promise<SeenJobs>>();
	const writers: Array<ReturnType<typeof seenFileWriter>> = [];
	return {
		open(scope) {
			let seen = opened.get(scope);
			if (!seen) {
				const path = seenFilePath(stateFolder, scope);
				const writer = seenFileWriter(path, onError);
				writers.push(writer);
				seen = readSeenFile(path).then((entries) => new SeenJobs(entries, writer.write));
				opened.set(scope, seen);
			}

			return seen;
		},
		async flushed() {
			await Promise.all(writers.map(async (writer) => writer.flushed()));
		},
	};
}

/**
 * Nothing kept: each table starts from its own baseline, so nothing is ever marked (component
 * tests of other things, and screens rendered without the program around them).
 */
export function untrackedSeenRegistry(): SeenRegistry {
	return {
		async open() {
			return new SeenJobs(undefined, () => undefined, false);
		},
		async flushed() {
			// Nothing is written.
		},
	};
}
