import {Box} from 'ink';
import {Text} from '../../text/screen-text.js';
import type {ReactNode} from 'react';
import {useTerminalSize} from '../hooks/use-terminal-size.js';

export const minimumSize = {columns: 80, rows: 24};

/** Below 80×24 a table would wrap into nonsense: say what is needed instead. */
export function SizeGuard({children}: {children: ReactNode}) {
	const {columns, rows} = useTerminalSize();
	if (columns >= minimumSize.columns && rows >= minimumSize.rows) return <>{children}</>;
	return (
		<Box flexDirection="column">
			<Text bold>Terminal too small</Text>
			<Text wrap="wrap">
				ivjm needs at least {minimumSize.columns}×{minimumSize.rows}; this one is {columns}×{rows}.
			</Text>
			<Text wrap="wrap">Enlarge the window, or press q to quit.</Text>
		</Box>
	);
}
