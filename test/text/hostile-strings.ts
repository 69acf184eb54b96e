/**
 * Text a hostile project member can put in any field of a job: each entry is one attack a
 * terminal would act on if it arrived raw. Shared by the unit, component, command and tmux tests.
 */
export const hostile = {
	osc0Title: 'name\u001B]0;pwned-title\u0007',
	osc8Link: '\u001B]8;;https://evil.example/\u001B\\click\u001B]8;;\u001B\\',
	osc52Clipboard: '\u001B]52;c;ZWNobyBoaQ==\u0007',
	csiClear: '\u001B[2J\u001B[H\u001B[31mred',
	c1Csi: 'eight-bit \u009B31m csi',
	bidiOverride: 'report\u202Etxt.exe',
	nul: 'nul\u0000byte',
	carriageReturn: 'visible\rhidden',
	newline: 'two\nlines',
} as const;

/** All of them in one value, plus a megabyte: what a field is filled with in the end-to-end tests. */
export const hostileField = Object.values(hostile).join(' ');
export const megabyteLine = `${'M'.repeat(1024 * 1024)}\u001B]0;late\u0007`;

/**
 * What must never reach a terminal from other people's text: ESC, BEL, any C1 control (0x9b is an
 * 8-bit CSI), a bidi control, NUL. Returns the offending characters found, to print in a failure.
 */
export function terminalControls(output: string): string[] {
	const found = output.match(
		// eslint-disable-next-line no-control-regex -- control characters are exactly what is looked for
		/[\u0000\u0007\u001B\u0080-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu,
	);
	return [...new Set(found ?? [])].map(
		(char) => `U+${(char.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`,
	);
}
