/**
 * Free text a person types into a job (the task name, the e-mail, requirements, a reason): other
 * people read it on their terminals, so it is refused when it holds a control character, an
 * escape sequence or a bidi control, instead of being published and cleaned by every reader.
 */

const names: Record<number, string> = {
	0x00: 'NUL',
	0x07: 'BEL',
	0x08: 'backspace',
	0x09: 'tab',
	0x0a: 'line break',
	0x0d: 'carriage return',
	0x1b: 'ESC, the start of an escape sequence',
	0x7f: 'DEL',
	0x9b: 'CSI, the start of an escape sequence',
	0x202e: 'right-to-left override',
};

function isRefused(code: number): boolean {
	return (
		code < 0x20 ||
		(code >= 0x7f && code <= 0x9f) ||
		code === 0x061c ||
		code === 0x200e ||
		code === 0x200f ||
		(code >= 0x202a && code <= 0x202e) ||
		(code >= 0x2066 && code <= 0x2069) ||
		code === 0x2028 ||
		code === 0x2029 ||
		(code >= 0xd800 && code <= 0xdfff)
	);
}

/**
 * Why `value` cannot be written as `what` ("the task name"), or undefined when it can. The
 * message names the character and where it is, so the person can find it.
 */
export function typedTextProblem(what: string, value: string): string | undefined {
	let position = 0;
	for (const char of value) {
		position++;
		const code = char.codePointAt(0) ?? 0;
		if (!isRefused(code)) continue;
		const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
		const name = names[code] ? ` ${names[code]}` : '';
		return `${what} contains a control character (${hex}${name}) at character ${position}: other people's terminals would act on it. Type it as plain text on one line.`;
	}

	return undefined;
}

/** A typed value refused by `typedTextProblem`. */
export class InvalidTypedText extends Error {
	override readonly name = 'InvalidTypedText';
}

/** `value` when it may be written as `what`; else throws `InvalidTypedText` saying why. */
export function assertTypedText(what: string, value: string): string {
	const problem = typedTextProblem(what, value);
	if (problem) throw new InvalidTypedText(problem[0]?.toUpperCase() + problem.slice(1));
	return value;
}
