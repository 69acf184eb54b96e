// eslint-disable-next-line no-restricted-imports -- the one place Ink's Text is wrapped
import {Text as InkText} from 'ink';
import {Children, type ComponentProps, type ReactNode} from 'react';
import {cut, type DisplayText} from './display-text.js';
import {needsStandIn, standIn, unsafeCharacter} from './stand-ins.js';

/** Longer than any line a screen shows; a value that slipped past `displayText` costs no more. */
const childMax = 10_000;

/**
 * A string child as the screen may show it: line breaks stay (our own messages use them), a tab
 * is a space (Ink measures it as nothing), every other control character, ESC and bidi control
 * a stand-in. Ink 6 itself passes OSC sequences through (window title, OSC 8 links, OSC 52
 * clipboard), so this is the only thing between a string and the terminal.
 */
export function screenSafe(text: string): DisplayText {
	const short = cut(text, childMax);
	if (!unsafeCharacter.test(short)) return short as DisplayText;
	let result = '';
	for (const char of short.replaceAll('\r\n', '\n')) {
		const code = char.codePointAt(0) ?? 0;
		if (code === 0x0a) result += '\n';
		else if (code === 0x09) result += ' ';
		else result += needsStandIn(code) ? standIn(code) : char;
	}

	return result as DisplayText;
}

const cleanChild = (child: ReactNode): ReactNode =>
	typeof child === 'string' ? screenSafe(child) : child;

/**
 * Ink's `Text` with every string child made screen-safe. Screens import this one (a lint rule
 * refuses Ink's own), so a task name interpolated into a line cannot reach the terminal raw even
 * where its author forgot `displayText`. Nested elements are `Text`s of their own and clean
 * themselves. Cleaning is idempotent: text already cleaned passes unchanged.
 */
export function Text({children, ...props}: ComponentProps<typeof InkText>) {
	const cleaned =
		typeof children === 'string' ? screenSafe(children) : Children.map(children, cleanChild);
	return <InkText {...props}>{cleaned}</InkText>;
}
