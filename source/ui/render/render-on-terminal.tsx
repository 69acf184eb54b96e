import {render} from 'ink';
import type {ReactNode} from 'react';
import {InkScreen, type TerminalStream} from './ink-screen.js';
import type {FrameWriter} from './frame-writer.js';

export type TerminalInput = NodeJS.ReadStream;

/**
 * Ink on a terminal through the FrameWriter: Ink runs in debug mode, which hands each frame over
 * whole instead of repainting the screen, and the InkScreen sends only what changed. The TUI
 * and the frame-equivalence test both render this way.
 */
export function renderOnTerminal(
	node: ReactNode,
	terminal: TerminalStream,
	stdin: TerminalInput,
	makeWriter?: (write: (bytes: string) => void) => FrameWriter,
) {
	const screen = new InkScreen(terminal, makeWriter);
	const instance = render(node, {
		stdout: screen as unknown as NodeJS.WriteStream,
		stdin,
		debug: true,
		exitOnCtrlC: false,
		patchConsole: false,
	});
	return {instance, screen};
}
