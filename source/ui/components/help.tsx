import {Text} from '../../text/screen-text.js';
import type {Keymap} from '../hooks/key-router.js';
import {useKeymap} from '../hooks/use-keymap.js';
import {useTerminalSize} from '../hooks/use-terminal-size.js';
import type {KeyBinding, KeySpec} from '../keys.js';
import {tone} from '../theme.js';
import {shown} from '../../text/display-text.js';
import {Pager, type PagerLine} from './pager/pager.js';
import {wrapWords} from './wrap-words.js';
import {statusLooks} from './status-glyph.js';

export type HelpProps = {
	/** The keymaps of the mode help was opened over, top first. */
	keymaps: readonly Keymap[];
	height: number;
	onClose: () => void;
};

const closeKeys: ReadonlyArray<KeyBinding<'close'>> = [
	{
		command: 'close',
		keys: [{text: '?'}, {name: 'escape'}],
		label: 'esc',
		description: 'close the help',
		hint: 'close',
	},
];

const names: Record<string, string> = {
	up: '↑',
	down: '↓',
	pageUp: 'PgUp',
	pageDown: 'PgDn',
	home: 'Home',
	end: 'End',
	enter: 'enter',
	escape: 'esc',
	tab: 'tab',
	'ctrl-c': 'Ctrl-C',
};

/** The help screen: the keys of the mode under it, from the tables that handle them; it scrolls. */
export function Help({keymaps, height, onClose}: HelpProps) {
	useKeymap(closeKeys, onClose, {modal: true, title: 'help'});
	const {columns} = useTerminalSize();
	return <Pager lines={helpLines(keymaps, columns)} height={height} />;
}

export function helpLines(keymaps: readonly Keymap[], width: number): PagerLine[] {
	const lines: PagerLine[] = [];
	// One row per line, cut at the edge: a wrapped line would push the pager past the screen.
	const heading = (text: string) => (
		<Text bold color={tone('accent')} wrap="truncate-end">
			{text}
		</Text>
	);
	const seen = new Set<string>();
	for (const keymap of keymaps) {
		const fresh = keymap.bindings.filter((binding) => !seen.has(keyText(binding.keys)));
		if (fresh.length === 0) continue;
		lines.push(heading(keymap.title ?? 'this screen'));
		for (const binding of fresh) {
			seen.add(keyText(binding.keys));
			wrapWords(binding.description, width - 16).forEach((part, index) =>
				lines.push(
					<Text dimColor={binding.disabled !== undefined} wrap="truncate-end">
						{'  '}
						{(index === 0 ? keyText(binding.keys) : '').padEnd(14)}
						{part}
					</Text>,
				),
			);
			if (binding.disabled)
				for (const part of wrapWords(`not now: ${binding.disabled}`, width - 16))
					lines.push(
						<Text color={tone('warning')} wrap="truncate-end">
							{' '.repeat(16)}
							{part}
						</Text>,
					);
		}
		lines.push(shown` `);
	}
	lines.push(heading('Statuses'));
	for (const look of Object.values(statusLooks)) lines.push(shown`  ${look.glyph}  ${look.word}`);
	return lines;
}

function keyText(keys: readonly KeySpec[]): string {
	return keys
		.map((spec) =>
			'name' in spec ? (names[spec.name] ?? spec.name) : spec.text === ' ' ? 'space' : spec.text,
		)
		.join(' ');
}
