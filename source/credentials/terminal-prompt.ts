import {createInterface} from 'node:readline/promises';
import {Secret} from './secret.js';

type TerminalInput = NodeJS.ReadableStream & {
	isTTY?: boolean;
	setRawMode?: (raw: boolean) => unknown;
};

export type Terminal = {input: TerminalInput; output: NodeJS.WritableStream};

export function hasTerminal(terminal: Terminal): boolean {
	return terminal.input.isTTY === true && typeof terminal.input.setRawMode === 'function';
}

/** Asks for a line, echoed (the user name). */
export async function promptLine(question: string, terminal: Terminal): Promise<string> {
	const lines = createInterface({input: terminal.input, output: terminal.output, terminal: true});
	try {
		return (await lines.question(question)).trim();
	} finally {
		lines.close();
	}
}

/** Asks for a password with echo off; Ctrl-C or Ctrl-D gives up. */
export async function promptPassword(question: string, terminal: Terminal): Promise<Secret> {
	const {input, output} = terminal;
	output.write(question);
	input.setRawMode?.(true);
	input.resume();
	let typed = '';
	try {
		return await new Promise<Secret>((resolve, reject) => {
			const onData = (chunk: Buffer | string) => {
				for (const character of chunk.toString()) {
					if (character === '\r' || character === '\n') {
						input.off('data', onData);
						resolve(new Secret(typed));
						return;
					}
					if (character === '\u0003' || character === '\u0004') {
						input.off('data', onData);
						reject(new Error('Sign-in cancelled'));
						return;
					}
					if (character === '\u007F' || character === '\b') typed = typed.slice(0, -1);
					else if (character >= ' ') typed += character;
				}
			};
			input.on('data', onData);
		});
	} finally {
		typed = '';
		input.setRawMode?.(false);
		input.pause();
		output.write('\n');
	}
}
