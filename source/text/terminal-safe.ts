import type {DisplayText} from './display-text.js';
import {displayLines} from './display-text.js';
import {needsStandIn, standIn, unsafeCharacter} from './stand-ins.js';

export {cut as shorten} from './display-text.js';

/**
 * One value with every control character shown as its stand-in, newlines and tabs included
 * (`a␊b`): for places where a line break in the value must stay visible, such as a file name.
 * Not cut: pass it through `shorten` first, or use `displayText`.
 */
export function terminalSafe(text: string): DisplayText {
	if (!unsafeCharacter.test(text)) return text as DisplayText;
	let result = '';
	for (const char of text) {
		const code = char.codePointAt(0) ?? 0;
		result += needsStandIn(code) ? standIn(code) : char;
	}

	return result as DisplayText;
}

/** A document as lines: CRLF and LF end lines, tabs become spaces, every other control a stand-in. */
export function terminalSafeLines(text: string, tabWidth = 8): DisplayText[] {
	return displayLines(text, tabWidth, Number.MAX_SAFE_INTEGER);
}
