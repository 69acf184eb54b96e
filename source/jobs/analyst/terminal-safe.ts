/**
 * Text from a task.json or an instructions file, made safe to put on a terminal: it is written by
 * another person, and an escape sequence in it could move the cursor, rewrite the screen, set the
 * window title, or (on some terminals) answer back as if typed. Every control character is shown
 * as a visible stand-in instead of being sent, so the reader sees that something was there.
 */

// Bidirectional overrides and isolates reorder what is shown ("Trojan Source"); marks are harmless
// but invisible, so they are shown too.
const bidiControls = new Set([
	0x061c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069,
]);

/** U+241B ␛ for ESC, the control pictures block for the other C0 controls, ␡ for DEL. */
function standIn(code: number): string {
	if (code < 0x20) return String.fromCodePoint(0x2400 + code);
	if (code === 0x7f) return '␡';
	return '�';
}

function needsStandIn(code: number): boolean {
	return (
		code < 0x20 ||
		(code >= 0x7f && code <= 0x9f) ||
		bidiControls.has(code) ||
		(code >= 0xd800 && code <= 0xdfff)
	);
}

/** One line of text: newlines and tabs too are shown as stand-ins (for table cells and fields). */
export function terminalSafe(text: string): string {
	let result = '';
	for (const char of text) {
		const code = char.codePointAt(0) ?? 0;
		result += needsStandIn(code) ? standIn(code) : char;
	}

	return result;
}

/** A document as lines: CRLF and LF end lines, tabs become spaces, every other control a stand-in. */
export function terminalSafeLines(text: string, tabWidth = 8): string[] {
	return text
		.replaceAll('\r\n', '\n')
		.split('\n')
		.map((line) => {
			let result = '';
			let column = 0;
			for (const char of line) {
				const code = char.codePointAt(0) ?? 0;
				if (code === 0x09) {
					const spaces = tabWidth - (column % tabWidth);
					result += ' '.repeat(spaces);
					column += spaces;
					continue;
				}

				result += needsStandIn(code) ? standIn(code) : char;
				column++;
			}

			return result;
		});
}

/** At most `max` characters (code points), with an ellipsis when cut: a 10 MB name stays a name. */
export function shorten(text: string, max: number): string {
	const chars = Array.from(text.length > max * 2 + 2 ? text.slice(0, max * 2 + 2) : text);
	return chars.length > max ? `${chars.slice(0, Math.max(0, max - 1)).join('')}…` : text;
}
