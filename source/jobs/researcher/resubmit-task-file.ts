import {open} from 'node:fs/promises';
import {formatProblem} from '../../protocol/problem.js';
import {readTask} from '../../protocol/task.js';
import type {Task} from '../../protocol/task-types.js';
import type {ObjectRef, ObjectStore} from '../../storage/store.js';
import {sha256MetadataName} from '../../transfer/transfer.js';
import {JobError} from '../job-error.js';

/** A task.json is a few kilobytes; a file far larger is not one. */
const maxBytes = 1024 * 1024;

/** The task.json a person gave with `--task FILE` cannot be used; the message says why. */
export class TaskFileError extends Error {
	override readonly name = 'TaskFileError';
}

/** Reads and checks a task.json written or edited by hand; nothing is sent when it is wrong. */
export async function readTaskFile(path: string): Promise<Task> {
	let text: string;
	try {
		const file = await open(path, 'r');
		try {
			const buffer = Buffer.alloc(maxBytes + 1);
			const {bytesRead} = await file.read(buffer, 0, buffer.length, 0);
			if (bytesRead > maxBytes)
				throw new TaskFileError(`${path} is over 1 MiB: it is not a task.json.`);
			text = buffer.subarray(0, bytesRead).toString('utf8');
		} finally {
			await file.close();
		}
	} catch (error) {
		if (error instanceof TaskFileError) throw error;
		throw new TaskFileError(`Cannot read ${path}: ${(error as Error).message}`);
	}

	const read = readTask(text);
	if (!read.ok) {
		const problems = read.problems.slice(0, 5).map((problem) => `  ${formatProblem(problem)}`);
		const more = read.problems.length > 5 ? [`  and ${read.problems.length - 5} more`] : [];
		throw new TaskFileError(
			[`${path} is not a task.json ivjm can submit:`, ...problems, ...more].join('\n'),
		);
	}

	return read.task;
}

/**
 * The inputs of the task file, each one of the old job's own (`own`, stand-in paths in `copies`):
 * taken by its name under `input/`, and when the file points at another object, only if that
 * object's SHA-256 is the old input's. Anything else cannot be copied and is refused by name.
 */
export async function inputsFromTaskFile(
	store: ObjectStore,
	fileTask: Task,
	own: ReadonlyArray<{path: string; name: string}>,
	copies: ReadonlyMap<string, ObjectRef>,
	jobId: string,
	signal?: AbortSignal,
): Promise<Array<{path: string; name: string}>> {
	const byName = new Map(own.map((file) => [file.name, file]));
	const taken = [];
	for (const input of fileTask.inputs) {
		const name = input.object.replace(/^.*\/input\//u, '');
		const old = byName.get(name);
		const from = old ? copies.get(old.path) : undefined;
		if (!old || !from) {
			throw new JobError(
				jobId,
				`The task file's input ${name} is not one of ${jobId}'s own inputs: only those are reused. Submit new files with ivjm submit.`,
			);
		}

		if (input.bucket !== from.container || input.object.replace(/^\/+/u, '') !== from.key) {
			const [mine, theirs] = await Promise.all([
				sha256Of(store, from, signal),
				sha256Of(store, {container: input.bucket, key: input.object}, signal),
			]);
			if (mine === undefined || mine !== theirs) {
				throw new JobError(
					jobId,
					`The task file's input ${name} (${input.bucket}/${input.object}) is not the same file as ${jobId}'s (their SHA-256 differ or is unknown).`,
				);
			}
		}

		taken.push(old);
	}

	return taken;
}

async function sha256Of(store: ObjectStore, ref: ObjectRef, signal?: AbortSignal) {
	try {
		return (await store.head(ref, {signal})).metadata[sha256MetadataName];
	} catch {
		return undefined;
	}
}
