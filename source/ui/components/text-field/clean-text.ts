// eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
const controlCharacters = /[\u0000-\u001F\u007F-\u009F]/gu;

/**
 * Typed or pasted text without control characters: ink-text-input 6.0.0 keeps the `\r` of a
 * pasted newline, which would end up inside a task name or a path.
 */
export function cleanText(text: string): string {
	return text.replaceAll(controlCharacters, '');
}
