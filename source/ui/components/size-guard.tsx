import {Box} from 'ink';
import {Text} from '../../text/screen-text.js';
import type {ReactNode} from 'react';
import {useKeymap} from '../hooks/use-keymap.js';
import {KeysPaused} from '../hooks/use-keys.js';
import {useWindowSize, type TerminalSize} from '../hooks/use-terminal-size.js';
import type {KeyBinding} from '../keys.js';

export const minimumSize = {columns: 80, rows: 24};

export function fits(size: TerminalSize): boolean {
	return size.columns >= minimumSize.columns && size.rows >= minimumSize.rows;
}

const waitKeys: ReadonlyArray<KeyBinding<'wait'>> = [
	// Nothing under the notice can be seen, so nothing under it takes keys; q still quits.
	{command: 'wait', keys: [{text: '?'}, {name: 'escape'}], label: '', description: ''},
];

/**
 * Below 80×24 a table would wrap into nonsense: this notice is shown instead, over the screens,
 * which stay as they were (a transfer goes on; a form, a filter, a cursor are kept) and come
 * back when the terminal grows. `children` is what must still be answered (quitting?).
 */
export function TooSmall({size, children}: {size: TerminalSize; children?: ReactNode}) {
	useKeymap(waitKeys, () => undefined, {modal: true, isActive: children === undefined});
	return (
		<Box flexDirection="column">
			<Text bold>Terminal too small</Text>
			<Text wrap="wrap">
				ivjm needs at least {minimumSize.columns}×{minimumSize.rows}; this one is {size.columns}×
				{size.rows}. Everything goes on meanwhile, and the screen comes back as it was.
			</Text>
			<Text wrap="wrap">Enlarge the window, or press q to quit.</Text>
			{children}
		</Box>
	);
}

/** For a screen of its own (sign-in): the notice over `children`, which stay mounted. */
export function SizeGuard({children}: {children: ReactNode}) {
	const size = useWindowSize();
	const roomy = fits(size);
	return (
		<>
			{roomy ? null : <TooSmall size={size} />}
			<Box display={roomy ? 'flex' : 'none'} flexDirection="column">
				<KeysPaused paused={!roomy}>{children}</KeysPaused>
			</Box>
		</>
	);
}
