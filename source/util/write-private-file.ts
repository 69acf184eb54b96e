import {randomUUID} from 'node:crypto';
import {mkdir, rename, rm, writeFile} from 'node:fs/promises';
import {dirname} from 'node:path';

/**
 * Writes `content` readable by the owner only (file 0600 in a 0700 folder), through a temporary
 * file renamed into place: a crash or a full disk never leaves a half-written file under `path`.
 */
export async function writePrivateFile(path: string, content: string): Promise<void> {
	await mkdir(dirname(path), {recursive: true, mode: 0o700});
	const temporary = `${path}.${randomUUID()}.tmp`;
	try {
		await writeFile(temporary, content, {mode: 0o600, flag: 'wx'});
		await rename(temporary, path);
	} finally {
		await rm(temporary, {force: true});
	}
}
