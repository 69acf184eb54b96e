/**
 * Regenerates the readme's pictures from real runs: the built ivjm in tmux on a fresh demo
 * store, driven by keys as a person would, the screen captured with its colours and drawn as
 * SVG. Run: `npm run media`.
 */
import {writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {Terminal} from '../test/e2e/terminal.js';
import {renderSvg} from './render-svg.js';

type Shot = {file: string; steps: (terminal: Terminal) => Promise<void>};

const researcher = async (terminal: Terminal) => {
	await terminal.press('Enter');
	await terminal.waitFor('updated');
};

const analystInbox = async (terminal: Terminal) => {
	await terminal.press('Down', 'Enter');
	await terminal.waitFor('Which biobank do you work for?');
	await terminal.press('Enter');
	await terminal.waitFor(/HUS · [1-9]\d* of \d+ jobs.*updated/u);
};

/** The request form filled in up to its review, with a 30 MB container from the home folder. */
const fillRequest = async (terminal: Terminal) => {
	const container = join(terminal.home, 'height-pgs.sif');
	const readme = join(terminal.home, 'README.txt');
	await writeFile(container, Buffer.alloc(30 * 1024 * 1024, 7));
	await writeFile(readme, 'Run height-pgs.sif on the genotypes.\n');
	await researcher(terminal);
	await terminal.type('n');
	await terminal.waitFor('Task name');
	await terminal.type('Height PGS, own container');
	await terminal.press('Enter');
	await terminal.waitFor('Your e-mail');
	await terminal.type('jdoe@example.org');
	await terminal.press('Enter');
	await terminal.waitFor('Target biobanks');
	await terminal.press('Space', 'Down', 'Down', 'Down', 'Space');
	await terminal.waitFor(/\[x\] FIMM/u);
	await terminal.press('Enter');
	await terminal.waitFor('Analysis type');
	await terminal.press('Down', 'Down', 'Enter');
	await terminal.waitFor('Input files');
	await terminal.type(container);
	await terminal.press('Enter');
	await terminal.waitFor(/✔ height-pgs\.sif/u);
	await terminal.press('Enter');
	await terminal.waitFor('Instructions for the analysts');
	await terminal.type(readme);
	await terminal.press('Enter');
	await terminal.waitFor('Expected output file names');
	await terminal.type('scores.txt');
	await terminal.press('Enter');
	await terminal.waitFor('Requirements');
	await terminal.press('Enter');
	await terminal.waitFor('Resources');
	await terminal.press('Enter');
	await terminal.waitFor('enter submits');
};

const shots: Shot[] = [
	{file: 'role-picker.svg', steps: async () => undefined},
	{file: 'researcher-jobs.svg', steps: researcher},
	{
		file: 'researcher-job.svg',
		steps: async (terminal) => {
			await researcher(terminal);
			await terminal.press('Down', 'Down', 'Enter');
			await terminal.waitFor(/Biobanks · times are/u);
		},
	},
	{
		file: 'refused-key.svg',
		steps: async (terminal) => {
			await researcher(terminal);
			await terminal.type('d');
			await terminal.waitFor('d: nothing is ready yet');
		},
	},
	{file: 'request-form.svg', steps: fillRequest},
	{
		file: 'upload-bars.svg',
		steps: async (terminal) => {
			await fillRequest(terminal);
			await terminal.press('Enter');
			await terminal.waitFor('Submitted.', 120_000);
		},
	},
	{file: 'analyst-inbox.svg', steps: analystInbox},
	{
		file: 'analyst-delivery.svg',
		steps: async (terminal) => {
			await analystInbox(terminal);
			await terminal.press('Enter');
			await terminal.waitFor('What it must return');
			await terminal.type('c');
			await terminal.waitFor('Proceed? y / n');
			await terminal.type('y');
			await terminal.waitFor('Claimed.', 60_000);
			const claimed = await terminal.waitFor('claimed by you');
			// The analyst's run left its output, and a log beside it, in the job folder.
			const folder = /Work folder (\S+)/u.exec(claimed)?.[1];
			if (folder) {
				await writeFile(join(folder, 'prs_summary.tsv'), 'sample\tscore\n'.repeat(2000));
				await writeFile(join(folder, 'run.log'), 'done\n');
			}
			await terminal.type('u');
			await terminal.waitFor(/✔ prs_summary\.tsv/u);
		},
	},
];

const columns = 100;
const rows = 30;
const only = process.argv.slice(2);

for (const shot of shots.filter(
	(candidate) => only.length === 0 || only.includes(candidate.file),
)) {
	const terminal = await Terminal.open({columns, rows});
	try {
		await terminal.startIvjm();
		await terminal.waitFor('Who are you today?', 60_000);
		await shot.steps(terminal);
		// The frame after the last change (a bar's last percent, an age label) has settled.
		await new Promise((resolve) => setTimeout(resolve, 500));
		const svg = await renderSvg(await terminal.screenWithColours(), columns, rows);
		await writeFile(join(import.meta.dirname, shot.file), svg);
		process.stdout.write(`media/${shot.file}\n`);
	} finally {
		await terminal.close();
	}
}
