import {PassThrough} from 'node:stream';
import type {Terminal} from '../../source/credentials/terminal-prompt.js';

/**
 * A terminal for the password prompt of a subcommand: it answers each "Password for" with the
 * next answer, as a person typing, and counts how often it was asked.
 */
export class FakeTerminal implements Terminal {
	readonly input = Object.assign(new PassThrough(), {
		isTTY: true,
		setRawMode: (_raw: boolean) => undefined,
	});

	readonly output = new PassThrough();
	prompts = 0;
	shown = '';

	constructor(answers: string[]) {
		this.output.on('data', (chunk: Buffer) => {
			this.shown += chunk.toString();
			if (!chunk.toString().includes('Password for')) return;
			this.prompts++;
			const answer = answers.shift();
			setImmediate(() => this.input.write(answer === undefined ? '\u0003' : `${answer}\r`));
		});
	}
}

/** What a script run has: no terminal at all. */
export const noTerminal: Terminal = {
	input: Object.assign(new PassThrough(), {isTTY: false}),
	output: new PassThrough(),
};
