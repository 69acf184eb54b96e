/**
 * JSON for a terminal or a pipe with the exact text kept: `JSON.stringify` already escapes C0
 * controls and lone surrogates, but leaves DEL, C1 controls (0x9b is an 8-bit CSI), bidi controls
 * and the line separators as they are. Those are written as `\uXXXX` escapes here, which any JSON
 * reader turns back into the same characters.
 */
const unescaped = /[\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2028\u2029\u2066-\u2069]/gu;

export function jsonText(value: unknown, indent = 2): string {
	return JSON.stringify(value, null, indent).replaceAll(
		unescaped,
		(char) => `\\u${(char.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`,
	);
}
