/**
 * Which characters never reach a terminal as they are, and what is shown instead. An escape
 * sequence in someone else's text could move the cursor, rewrite the screen, set the window
 * title, write the clipboard (OSC 52) or, on some terminals, answer back as if typed; without
 * its ESC (or 8-bit CSI) it is only letters.
 */

// Bidirectional overrides and isolates reorder what is shown ("Trojan Source"); marks are harmless
// but invisible, so they are shown too.
const bidiControls = new Set([
	0x061c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069,
]);

/** C0, DEL, C1, bidi controls, lone surrogates, and the Unicode line and paragraph separators. */
export function needsStandIn(code: number): boolean {
	return (
		code < 0x20 ||
		(code >= 0x7f && code <= 0x9f) ||
		bidiControls.has(code) ||
		code === 0x2028 ||
		code === 0x2029 ||
		(code >= 0xd800 && code <= 0xdfff)
	);
}

/** U+241B ␛ for ESC, the control pictures block for the other C0 controls, ␡ for DEL, else �. */
export function standIn(code: number): string {
	if (code < 0x20) return String.fromCodePoint(0x2400 + code);
	if (code === 0x7f) return '␡';
	return '�';
}

/**
 * Every character that needs a stand-in, as a regular expression, so clean text (the common case)
 * is recognised in one native pass instead of a loop over code points.
 */
export const unsafeCharacter =
	// eslint-disable-next-line no-control-regex -- control characters are exactly what is looked for
	/[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2028\u2029\u2066-\u2069]|\p{Cs}/u;
