import {stat} from 'node:fs/promises';

/** Whether anything (file or folder) is at `path`; an unreadable parent counts as nothing. */
export async function exists(path: string): Promise<boolean> {
	try {
		await stat(path);
		return true;
	} catch {
		return false;
	}
}
