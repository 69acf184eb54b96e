/** Swift limits an object name to 1024 bytes of UTF-8. */
export const maxKeyBytes = 1024;

/** One name (user, biobank, marker, file name): the usual file-system limit. */
export const maxNameBytes = 255;

export type NameCheck = {ok: true; name: string} | {ok: false; reason: string};

/** What a name is, in the words an error message uses. */
export type NameKind = 'user' | 'biobank' | 'marker' | 'file name' | 'project' | 'bucket';

/** The number of bytes `text` takes in UTF-8 (lone surrogates count as the 3-byte U+FFFD). */
export function utf8Length(text: string): number {
	let bytes = 0;
	for (const char of text) {
		const code = char.codePointAt(0) ?? 0;
		bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
	}

	return bytes;
}

const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** C0 controls, DEL and C1 controls: invisible in a terminal, and some of them end a string in C. */
export function hasControlCharacter(text: string): boolean {
	for (let index = 0; index < text.length; index++) {
		const code = text.charCodeAt(index);
		if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) {
			return true;
		}
	}

	return false;
}

/** True when `text` cannot be encoded as UTF-8 (it holds half of a surrogate pair). */
export function hasLoneSurrogate(text: string): boolean {
	return loneSurrogate.test(text);
}

/**
 * Biobank names that would make a key ambiguous: `jobs` is the top folder of every job, and
 * `input` and `task.json` already sit inside a job's folder next to the biobank folders.
 */
const reservedBiobankNames = new Set(['jobs', 'input', 'task.json']);

/** Checks one path segment of a key: the rules every name in the layout shares. */
export function checkName(kind: NameKind, name: unknown): NameCheck {
	if (typeof name !== 'string') {
		return {ok: false, reason: `The ${kind} must be text.`};
	}

	if (name === '') {
		return {ok: false, reason: `The ${kind} is empty.`};
	}

	const shown = JSON.stringify(name.length > 60 ? `${name.slice(0, 60)}…` : name);
	if (name.includes('/')) {
		return {ok: false, reason: `The ${kind} ${shown} contains "/", which separates folders.`};
	}

	if (hasControlCharacter(name)) {
		return {ok: false, reason: `The ${kind} ${shown} contains a control character.`};
	}

	if (hasLoneSurrogate(name)) {
		return {ok: false, reason: `The ${kind} ${shown} is not valid Unicode.`};
	}

	if (name === '.' || name === '..') {
		return {ok: false, reason: `The ${kind} cannot be "${name}", which names a folder.`};
	}

	if (name.trim() !== name) {
		return {ok: false, reason: `The ${kind} ${shown} starts or ends with white space.`};
	}

	if (utf8Length(name) > maxNameBytes) {
		return {ok: false, reason: `The ${kind} ${shown} is longer than ${maxNameBytes} bytes.`};
	}

	if (kind === 'biobank' && reservedBiobankNames.has(name)) {
		return {
			ok: false,
			reason: `The biobank cannot be called ${shown}: that name is part of the bucket layout.`,
		};
	}

	return {ok: true, name};
}

export const checkUser = (name: unknown): NameCheck => checkName('user', name);
export const checkBiobank = (name: unknown): NameCheck => checkName('biobank', name);

/** Thrown by key builders given a name that `checkName` refuses: a caller's mistake, not data. */
export class InvalidName extends Error {
	override readonly name = 'InvalidName';
}

export function assertName(kind: NameKind, name: string): string {
	const check = checkName(kind, name);
	if (!check.ok) {
		throw new InvalidName(check.reason);
	}

	return name;
}

/**
 * Whether the deployed Python tools can follow a user or biobank name we are about to write:
 * the analyst tool cuts keys out of a printed `bytes` value (quotes, backslashes and non-ASCII
 * are escaped there) and both tools use the names in regular expressions. CSC user names and
 * the catalogue's biobanks are letters, digits, `_`, `-` and `.`.
 */
export function checkPythonReadable(kind: NameKind, name: string): NameCheck {
	if (/^[A-Za-z0-9_][A-Za-z0-9_.-]*$/u.test(name)) return {ok: true, name};
	return {
		ok: false,
		reason: `The ${kind} ${JSON.stringify(name)} would break the Python tools: use only letters, digits, "_", "-" and ".".`,
	};
}
