import {homedir} from 'node:os';
import {join} from 'node:path';

/** `~/x` for a path under the home folder: shorter to read in messages and `ivjm config`. */
export function tildePath(path: string, home: string = homedir()): string {
	return home && (path === home || path.startsWith(`${home}/`))
		? `~${path.slice(home.length)}`
		: path;
}

/** A folder setting as a person writes it (`~/intervene/work`) made absolute. */
export function expandHome(path: string, home: string = homedir()): string {
	if (path === '~') return home;
	return path.startsWith('~/') ? join(home, path.slice(2)) : path;
}
