import {
	hasControlCharacter,
	hasLoneSurrogate,
	maxKeyBytes,
	maxNameBytes,
	utf8Length,
} from './names.js';

export type SafePath =
	{ok: true; relative: string; segments: string[]} | {ok: false; reason: string};

export type ResolvedPath =
	{ok: true; relative: string; segments: string[]; path: string} | {ok: false; reason: string};

/**
 * Checks a relative path taken from an untrusted task.json (`path`, a file name) with POSIX
 * rules, as pure string work. Accepts only a plain relative path inside the folder: a leading
 * `./` (the Python tools write `./result.txt`) is dropped, anything else that could leave the
 * folder, hide a name or collide with another is refused with its own reason.
 * Symbolic links are the caller's part: the file system is not visible here.
 */
export function checkRelativePath(untrusted: unknown): SafePath {
	const refused = (reason: string): SafePath => ({ok: false, reason: `The path ${reason}`});
	if (typeof untrusted !== 'string') return refused('is not text.');
	if (untrusted === '') return refused('is empty.');
	if (untrusted.includes('\0')) return refused('contains a NUL character.');
	if (hasControlCharacter(untrusted)) return refused('contains a control character.');
	if (hasLoneSurrogate(untrusted)) return refused('is not valid Unicode.');
	if (untrusted.includes('\\')) {
		return refused('contains a backslash, which Windows reads as a folder separator.');
	}

	// Also after a leading `./`: `./C:x` must be refused like `C:x`, or resolving is not idempotent.
	if (/^[a-z]:/i.test(stripLeadingDotSlash(untrusted))) {
		return refused('starts with a Windows drive letter.');
	}
	if (untrusted.startsWith('/'))
		return refused('is absolute: it must be relative to the job folder.');
	if (untrusted.normalize('NFC') !== untrusted) {
		return refused('is not in Unicode NFC form, so it could shadow a name that looks the same.');
	}

	if (utf8Length(untrusted) > maxKeyBytes) return refused(`is longer than ${maxKeyBytes} bytes.`);
	const segments = stripLeadingDotSlash(untrusted).split('/');
	if (segments.includes('..')) return refused('climbs out of the job folder with "..".');
	if (segments.length === 1 && (segments[0] === '' || segments[0] === '.')) {
		return refused('names the job folder itself, not a file in it.');
	}

	for (const [index, segment] of segments.entries()) {
		if (segment === '' && index === segments.length - 1) {
			return refused('ends with "/", so it names a folder, not a file.');
		}

		if (segment === '') return refused('has an empty segment ("//").');
		if (segment === '.') return refused('has a "." segment; only a leading "./" is accepted.');
		if (utf8Length(segment) > maxNameBytes) {
			return refused(`has a segment longer than ${maxNameBytes} bytes.`);
		}

		if (segment.trim() !== segment) {
			return refused('has a segment that starts or ends with white space.');
		}
	}

	return {ok: true, relative: segments.join('/'), segments};
}

/**
 * Where an untrusted relative path lands inside `jobFolder` (a trusted local folder, POSIX):
 * the relative path, its segments, and the folder joined with it.
 */
export function resolveInJobFolder(jobFolder: string, untrusted: unknown): ResolvedPath {
	const checked = checkRelativePath(untrusted);
	if (!checked.ok) {
		return checked;
	}

	const folder = jobFolder.length > 1 ? jobFolder.replace(/\/+$/, '') : jobFolder;
	const separator = folder.endsWith('/') ? '' : '/';
	return {...checked, path: `${folder}${separator}${checked.relative}`};
}

/**
 * A task's `path` as the local relative path (and as the tail of a result key): without its
 * leading `./`. Only for a path `checkRelativePath` accepts.
 */
export function taskRelativePath(path: string): string {
	return stripLeadingDotSlash(path);
}

function stripLeadingDotSlash(path: string): string {
	let rest = path;
	while (rest.startsWith('./')) {
		rest = rest.slice(2);
	}

	return rest;
}
