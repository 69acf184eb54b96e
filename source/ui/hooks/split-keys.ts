import type {Key} from 'ink';

const noKey: Key = {
	upArrow: false,
	downArrow: false,
	leftArrow: false,
	rightArrow: false,
	pageDown: false,
	pageUp: false,
	home: false,
	end: false,
	return: false,
	escape: false,
	ctrl: false,
	shift: false,
	tab: false,
	backspace: false,
	delete: false,
	meta: false,
	super: false,
	hyper: false,
	capsLock: false,
	numLock: false,
};

/**
 * Ink 6 hands plain text that arrived in one chunk to a handler as one event ("name⏎" typed
 * fast, " ⏎", a paste ending in a newline): the enter inside it is not seen as a key. This
 * splits such an event into one event per character, with enter, tab, backspace and Ctrl-letters
 * recognised, so every key means what it means when typed slowly.
 */
export function splitKeys(input: string, key: Key): Array<[string, Key]> {
	const characters = [...input];
	if (characters.length <= 1 || key.ctrl || key.meta) return [[input, key]];
	return characters.map((character): [string, Key] => {
		const code = character.codePointAt(0) ?? 0;
		if (character === '\r' || character === '\n') return ['', {...noKey, return: true}];
		if (character === '\t') return ['', {...noKey, tab: true}];
		if (code === 0x7f || code === 0x08) return ['', {...noKey, backspace: true}];
		if (code >= 1 && code <= 26) return [String.fromCodePoint(code + 96), {...noKey, ctrl: true}];
		return [character, {...noKey, shift: /[A-Z]/u.test(character)}];
	});
}
