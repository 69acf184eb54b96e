import {randomUUID} from 'node:crypto';
import {mkdir, open, rename, rm} from 'node:fs/promises';
import {dirname} from 'node:path';

export type WritePrivateOptions = {
	/**
	 * Flush the file and then the folder to the disk before returning, so that what was written
	 * survives a power cut too, not only a crash of the process (a record of what was sent).
	 */
	durable?: boolean;
};

/**
 * Writes `content` readable by the owner only (file 0600 in a 0700 folder), through a temporary
 * file renamed into place: a crash or a full disk never leaves a half-written file under `path`.
 */
export async function writePrivateFile(
	path: string,
	content: string,
	options: WritePrivateOptions = {},
): Promise<void> {
	await mkdir(dirname(path), {recursive: true, mode: 0o700});
	const temporary = `${path}.${randomUUID()}.tmp`;
	try {
		const file = await open(temporary, 'wx', 0o600);
		try {
			await file.writeFile(content);
			if (options.durable) await file.sync();
		} finally {
			await file.close();
		}

		await rename(temporary, path);
		if (options.durable) await syncFolder(dirname(path));
	} finally {
		await rm(temporary, {force: true});
	}
}

async function syncFolder(folder: string): Promise<void> {
	const handle = await open(folder, 'r');
	try {
		await handle.sync();
	} finally {
		await handle.close();
	}
}
