import {stat} from 'node:fs/promises';
import {basename, resolve} from 'node:path';
import {homedir} from 'node:os';

export type LocalFile =
	{ok: true; path: string; name: string; bytes: number} | {ok: false; reason: string};

/** A file the researcher names for upload: expanded (`~`), checked to exist, with its size. */
export async function describeLocalFile(typed: string, cwd = process.cwd()): Promise<LocalFile> {
	const trimmed = typed.trim();
	if (trimmed === '') return {ok: false, reason: 'Type the path of a file.'};
	const path = resolve(cwd, trimmed.replace(/^~(?=$|\/)/u, homedir()));
	try {
		const info = await stat(path);
		if (!info.isFile()) return {ok: false, reason: `${trimmed} is not a regular file.`};
		return {ok: true, path, name: basename(path), bytes: info.size};
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'ENOENT') return {ok: false, reason: `${trimmed} does not exist.`};
		if (code === 'EACCES')
			return {ok: false, reason: `${trimmed} cannot be read (permission denied).`};
		return {ok: false, reason: `${trimmed}: ${(error as Error).message}`};
	}
}
