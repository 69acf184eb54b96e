import {accessSync, constants, mkdirSync} from 'node:fs';
import {homedir, tmpdir} from 'node:os';
import {join} from 'node:path';

/**
 * Where the single executable writes the program it carries: the user's cache folder
 * (`$XDG_CACHE_HOME/ivjm/programs`, else `~/.cache/ivjm/programs`), or, where the home folder cannot be written
 * (a locked-down service account), a folder of this user's own under the temporary folder.
 */
export function programCacheRoot(environment: NodeJS.ProcessEnv = process.env): string {
	const cacheHome = environment['XDG_CACHE_HOME'] || join(homedir(), '.cache');
	try {
		mkdirSync(cacheHome, {recursive: true, mode: 0o700});
		accessSync(cacheHome, constants.W_OK);
		return join(cacheHome, 'ivjm', 'programs');
	} catch {
		return join(tmpdir(), `ivjm-${process.getuid?.() ?? 'user'}`);
	}
}
