/**
 * How keys map to files. Every key segment becomes a file or folder name with a kind prefix, so
 * `a/b` (an object) and `a/b/c` (an object under the same name used as a folder) can coexist as
 * in Swift, and no segment can be `.` or `..`.
 */
const objectPrefix = 'o~';
const folderPrefix = 'd~';

// Only `%` (our escape), `/`, `\` and control characters need escaping on POSIX file systems.
// eslint-disable-next-line no-control-regex -- control characters are exactly what must be escaped
const needsEscape = /[%/\\\u0000-\u001F\u007F]/gu;

export function encodeSegment(segment: string): string {
	return segment.replaceAll(needsEscape, (char) =>
		[...Buffer.from(char, 'utf8')]
			.map((byte) => '%' + byte.toString(16).toUpperCase().padStart(2, '0'))
			.join(''),
	);
}

export function decodeSegment(name: string): string {
	return decodeURIComponent(name);
}

export function objectFileName(segment: string): string {
	return objectPrefix + encodeSegment(segment);
}

export function folderName(segment: string): string {
	return folderPrefix + encodeSegment(segment);
}

export type DecodedEntry = {kind: 'object' | 'folder'; segment: string};

/** The meaning of a directory entry, or undefined for files that are not ours (temp files). */
export function decodeEntry(name: string): DecodedEntry | undefined {
	if (name.startsWith(objectPrefix)) return {kind: 'object', segment: decodeSegment(name.slice(2))};
	if (name.startsWith(folderPrefix)) return {kind: 'folder', segment: decodeSegment(name.slice(2))};
	return undefined;
}

/** The relative file path of an object: folders for every segment but the last. */
export function objectPath(key: string): string[] {
	const segments = key.split('/');
	const last = segments.pop() ?? '';
	return [...segments.map(folderName), objectFileName(last)];
}

export function folderPath(keyPrefix: string): string[] {
	return keyPrefix.split('/').map(folderName);
}
