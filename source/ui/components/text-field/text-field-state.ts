import {cleanText} from './clean-text.js';

/** The text and the cursor (an index into the text) of a one-line field. */
export type TextFieldState = {value: string; cursor: number};

/** The parts of Ink's key event that editing needs. */
export type EditKey = {
	leftArrow?: boolean;
	rightArrow?: boolean;
	home?: boolean;
	end?: boolean;
	backspace?: boolean;
	delete?: boolean;
	ctrl?: boolean;
	meta?: boolean;
	return?: boolean;
	escape?: boolean;
	tab?: boolean;
	upArrow?: boolean;
	downArrow?: boolean;
};

/**
 * One key applied to a field: pure, so a chunk of keys (fast typing, a paste, a held
 * backspace) is applied one after the other to the latest state, never to a stale one.
 */
export function editText(state: TextFieldState, input: string, key: EditKey): TextFieldState {
	const {value, cursor} = state;
	if (key.return || key.escape || key.tab || key.upArrow || key.downArrow) return state;
	if (key.leftArrow) return {value, cursor: Math.max(0, cursor - 1)};
	if (key.rightArrow) return {value, cursor: Math.min(value.length, cursor + 1)};
	if (key.home || (key.ctrl && input === 'a')) return {value, cursor: 0};
	if (key.end || (key.ctrl && input === 'e')) return {value, cursor: value.length};
	if (key.ctrl && input === 'u') return {value: value.slice(cursor), cursor: 0};
	if (key.ctrl && input === 'k') return {value: value.slice(0, cursor), cursor};
	if (key.ctrl && input === 'w') {
		const start = value.slice(0, cursor).replace(/\S+\s*$/u, '').length;
		return {value: value.slice(0, start) + value.slice(cursor), cursor: start};
	}
	// Terminals send DEL (0x7f) for the backspace key; Ink reports it as `delete`.
	if (key.backspace || key.delete) {
		if (cursor === 0) return state;
		return {value: value.slice(0, cursor - 1) + value.slice(cursor), cursor: cursor - 1};
	}
	if (key.ctrl || key.meta) return state;
	const text = cleanText(input);
	if (text === '') return state;
	return {value: value.slice(0, cursor) + text + value.slice(cursor), cursor: cursor + text.length};
}
