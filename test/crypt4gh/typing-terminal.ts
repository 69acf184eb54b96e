import {PassThrough} from 'node:stream';
import type {Terminal} from '../../source/credentials/terminal-prompt.js';

/** A terminal where a person types the next answer at each prompt (a line ending in ": "). */
export class TypingTerminal implements Terminal {
	readonly input = Object.assign(new PassThrough(), {
		isTTY: true,
		setRawMode: (_raw: boolean) => undefined,
	});

	readonly output = new PassThrough();
	shown = '';
	prompts: string[] = [];

	constructor(answers: string[]) {
		this.output.on('data', (chunk: Buffer) => {
			const text = chunk.toString();
			this.shown += text;
			if (!text.endsWith(': ')) return;
			this.prompts.push(text);
			const answer = answers.shift();
			setImmediate(() => this.input.write(answer === undefined ? '\u0003' : `${answer}\r`));
		});
	}
}

export const noTerminal: Terminal = {
	input: Object.assign(new PassThrough(), {isTTY: false}),
	output: new PassThrough(),
};
