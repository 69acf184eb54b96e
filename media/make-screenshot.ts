/**
 * Regenerates the readme's pictures from real runs: the built ivjm in tmux on a fresh demo
 * store, the screen captured with its colours and drawn as SVG. Run: `npm run media`.
 */
import {writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {Terminal} from '../test/e2e/terminal.js';
import {renderSvg} from './render-svg.js';

type Shot = {file: string; keys: Array<{type?: string; press?: string[]; waitFor: string}>};

const shots: Shot[] = [
	{file: 'role-picker.svg', keys: []},
	{file: 'researcher-jobs.svg', keys: [{press: ['Enter'], waitFor: 'updated'}]},
];

const columns = 100;
const rows = 30;

for (const shot of shots) {
	const terminal = await Terminal.open({columns, rows});
	try {
		await terminal.startIvjm();
		await terminal.waitFor('Who are you today?', 60_000);
		for (const step of shot.keys) {
			if (step.type) await terminal.type(step.type);
			if (step.press) await terminal.press(...step.press);
			await terminal.waitFor(step.waitFor);
		}
		const svg = await renderSvg(await terminal.screenWithColours(), columns, rows);
		await writeFile(join(import.meta.dirname, shot.file), svg);
		process.stdout.write(`media/${shot.file}\n`);
	} finally {
		await terminal.close();
	}
}
