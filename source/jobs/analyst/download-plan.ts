import {lstat} from 'node:fs/promises';
import {join} from 'node:path';
import {checkRelativePath} from '../../protocol/safe-path.js';
import type {Task} from '../../protocol/task.js';
import {encryptedSuffix, isEncryptedInput, plainPathOf} from '../../protocol/encrypted-inputs.js';
import type {ObjectRef} from '../../storage/store.js';

/** One file of a job to fetch: an input (data, a container, a pipeline tarball) or instructions. */
export type PlannedFile = {
	kind: 'input' | 'instructions';
	/** The input's name, or the instructions file's name. */
	label: string;
	ref: ObjectRef;
	/** Where it goes, relative to the job folder (checked: no `..`, not absolute, no `//`). */
	relative: string;
	/**
	 * A Crypt4GH input (task.json says so): decrypted while it arrives to `relative` (the
	 * `.c4gh` is written beside it only with `--keep-encrypted`).
	 */
	encrypted: boolean;
};

/** The local names a planned file takes: an encrypted one, its `.c4gh` too (`--keep-encrypted`). */
export function namesOf(file: Pick<PlannedFile, 'relative' | 'encrypted'>): string[] {
	return file.encrypted ? [file.relative, `${file.relative}${encryptedSuffix}`] : [file.relative];
}

export type DownloadPlan =
	{ok: true; files: PlannedFile[]} | {ok: false; path: string; reason: string};

/**
 * The local name of an instructions document: its object's last segment. The task gives no
 * `path` for instructions; the Python analyst tool saves them under that name beside the inputs.
 */
export function instructionFileName(object: string): string {
	return object.slice(object.lastIndexOf('/') + 1);
}

/**
 * What to download for `task`, each file with the relative path it lands on, or the first path
 * that would leave the job folder (or collide with another file's): then nothing is fetched.
 */
export function planDownload(task: Task): DownloadPlan {
	const files: PlannedFile[] = [];
	const candidates = [
		...task.inputs.map((input) => ({
			kind: 'input' as const,
			label: input.name,
			ref: {container: input.bucket, key: input.object},
			path: isEncryptedInput(input) ? plainPathOf(input) : input.path,
			encrypted: isEncryptedInput(input),
		})),
		...task.instructions.map((instruction) => ({
			kind: 'instructions' as const,
			label: instructionFileName(instruction.object),
			ref: {container: instruction.bucket, key: instruction.object},
			path: instructionFileName(instruction.object),
			encrypted: false,
		})),
	];
	for (const candidate of candidates) {
		const checked = checkRelativePath(candidate.path);
		if (!checked.ok) return {ok: false, path: candidate.path, reason: checked.reason};
		const names = namesOf({relative: checked.relative, encrypted: candidate.encrypted});
		const same = files.find((file) => namesOf(file).some((name) => names.includes(name)));
		if (same) {
			if (
				same.relative === checked.relative &&
				same.ref.container === candidate.ref.container &&
				same.ref.key === candidate.ref.key
			) {
				continue;
			}

			return {
				ok: false,
				path: candidate.path,
				reason: `two different files of the job would both be written to ${checked.relative}.`,
			};
		}

		const nested = files.find(
			(file) =>
				file.relative.startsWith(`${checked.relative}/`) ||
				checked.relative.startsWith(`${file.relative}/`),
		);
		if (nested) {
			return {
				ok: false,
				path: candidate.path,
				reason: `it and ${nested.relative} cannot both exist: one would be a folder of the other.`,
			};
		}

		files.push({
			kind: candidate.kind,
			label: candidate.label,
			ref: candidate.ref,
			relative: checked.relative,
			encrypted: candidate.encrypted,
		});
	}

	return {ok: true, files};
}

/**
 * Why writing `relative` inside `jobFolder` would go through a link or onto something that is not
 * a plain file, or undefined when it is safe. Each existing part of the path is looked at without
 * following links (a symlink planted in the job folder must not carry a download elsewhere).
 */
export async function linkProblem(
	jobFolder: string,
	relative: string,
): Promise<string | undefined> {
	const folder = await lstatOrUndefined(jobFolder);
	if (folder?.isSymbolicLink()) return `the job folder ${jobFolder} is a symbolic link.`;
	if (folder && !folder.isDirectory()) return `${jobFolder} exists and is not a folder.`;
	if (!folder) return undefined;
	const segments = relative.split('/');
	let path = jobFolder;
	for (const [index, segment] of segments.entries()) {
		path = join(path, segment);
		const stats = await lstatOrUndefined(path);
		if (!stats) return undefined;
		const last = index === segments.length - 1;
		if (stats.isSymbolicLink()) {
			return `${segments.slice(0, index + 1).join('/')} in the job folder is a symbolic link; it is not followed.`;
		}

		if (!last && !stats.isDirectory()) {
			return `${segments.slice(0, index + 1).join('/')} in the job folder is a file, not a folder.`;
		}

		if (last && !stats.isFile()) {
			return `${relative} in the job folder exists and is not a plain file.`;
		}
	}

	return undefined;
}

async function lstatOrUndefined(path: string) {
	try {
		return await lstat(path);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
		throw error;
	}
}
