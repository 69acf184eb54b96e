import {needsStandIn, standIn, unsafeCharacter} from './stand-ins.js';

declare const displayBrand: unique symbol;

/**
 * Text that went through this folder and is safe to put on a terminal: no control character,
 * escape sequence or bidi control, and of a known length. Only the functions here make one (the
 * brand exists only for the type checker), so a component or printer that takes `DisplayText`
 * cannot be handed someone else's raw text by mistake: the compiler refuses a plain string.
 */
export type DisplayText = string & {readonly [displayBrand]: true};

/** A field longer than this is cut with a mark unless the caller says otherwise: a 1 MB name stays a name. */
export const fieldMax = 500;

/** A line of a document is cut here: wider than any terminal, small enough to lay out fast. */
export const lineMax = 4000;

const brand = (text: string) => text as DisplayText;

/** At most `max` characters (code points), with `…` as the last one when cut. */
export function cut(text: string, max: number): string {
	// Only the head of a huge string is looked at: two UTF-16 units per code point at most.
	const head = text.length > max * 2 + 2 ? text.slice(0, max * 2 + 2) : text;
	if (head.length <= max && head === text) return text;
	const chars = Array.from(head);
	return chars.length > max ? `${chars.slice(0, Math.max(0, max - 1)).join('')}…` : text;
}

/** Each character that needs one replaced by its stand-in; `special` may replace one first. */
function replaceUnsafe(text: string, special: (code: number) => string | undefined): string {
	if (!unsafeCharacter.test(text)) return text;
	let result = '';
	for (const char of text) {
		const code = char.codePointAt(0) ?? 0;
		const replaced = special(code);
		result += replaced ?? (needsStandIn(code) ? standIn(code) : char);
	}

	return result;
}

const lineBreaksAsSpaces = (code: number) =>
	code === 0x0a || code === 0x0d || code === 0x09 || code === 0x2028 || code === 0x2029
		? ' '
		: undefined;

/**
 * Someone else's text as one line (a table cell, a field, a name in a message): newlines and tabs
 * become spaces, every other control character, escape sequence and bidi control a visible
 * stand-in (`␛[2J`), and it is cut at `max` characters with `…`.
 */
export function displayText(text: string, max = fieldMax): DisplayText {
	return brand(replaceUnsafe(cut(text, max).replaceAll('\r\n', '\n'), lineBreaksAsSpaces));
}

/**
 * Someone else's document as lines for a pager: LF and CRLF end lines, tabs become spaces to the
 * next stop, a lone CR and every other control a stand-in, each line cut at `max`.
 */
export function displayLines(text: string, tabWidth = 8, max = lineMax): DisplayText[] {
	return text
		.replaceAll('\r\n', '\n')
		.split('\n')
		.map((line) => {
			const short = cut(line, max);
			if (!unsafeCharacter.test(short)) return brand(short);
			let result = '';
			let column = 0;
			for (const char of short) {
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

			return brand(result);
		});
}

/**
 * A message that may span lines (an error from a lower layer that quotes a file name or a
 * reason): each line cleaned as a document line, the lines kept, at most `maxLines` of them.
 */
export function displayMessage(text: string, maxLines = 20): DisplayText {
	const lines = displayLines(text, 2, fieldMax * 2);
	const kept = lines.length > maxLines ? [...lines.slice(0, maxLines), '…'] : lines;
	return brand(kept.join('\n'));
}

/**
 * Our own sentence with other people's values in it: the literal parts are code (trusted), every
 * value is cleaned as one line. `shown\`Cancelled ${jobId} at ${biobanks}\`` is a DisplayText.
 * Values that already are DisplayText pass unchanged (cleaning is idempotent).
 */
export function shown(
	literals: TemplateStringsArray,
	...values: ReadonlyArray<string | number | DisplayText>
): DisplayText {
	let result = literals[0] ?? '';
	for (const [index, value] of values.entries()) {
		result += typeof value === 'number' ? String(value) : displayText(value, lineMax);
		result += literals[index + 1] ?? '';
	}

	return brand(result);
}

/** Several DisplayTexts joined by our own separator. */
export function joinDisplay(parts: readonly DisplayText[], separator: string): DisplayText {
	return brand(parts.join(displayText(separator)));
}
