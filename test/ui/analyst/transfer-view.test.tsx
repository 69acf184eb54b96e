import test from 'ava';
import {render} from 'ink-testing-library';
import {TransferView} from '../../../source/ui/screens/analyst/transfer-view.js';

const megabyte = 1_000_000;

test('a transfer shows a bar for all files with rate and time left, and one per file, the running one first', (t) => {
	const {lastFrame} = render(
		<TransferView
			title="Downloading 1700000000-requester"
			files={[
				{label: 'input1.txt', state: 'done', done: 12, total: 12},
				{
					label: 'tool.sif',
					state: 'running',
					done: 20 * megabyte,
					total: 80 * megabyte,
					progress: {
						phase: 'downloading',
						done: 20 * megabyte,
						total: 80 * megabyte,
						rate: 10 * megabyte,
						etaSeconds: 6,
					},
				},
				{label: 'README.txt', state: 'waiting', done: 0, total: 33},
			]}
			done={20 * megabyte + 12}
			total={80 * megabyte + 45}
			rate={10 * megabyte}
			etaSeconds={6}
		/>,
	);
	const lines = (lastFrame() ?? '').split('\n');
	t.is(lines[0], 'Downloading 1700000000-requester');
	t.regex(lines[1] ?? '', /^all files\s+██████░{18}\s+25% 20 MB \/ 80 MB {2}10 MB\/s {2}6s left$/);
	t.regex(
		lines[2] ?? '',
		/^tool\.sif\s+██████░{18}\s+25% 20 MB \/ 80 MB {2}10 MB\/s {2}6s left {2}downloading$/,
	);
	t.regex(lines[3] ?? '', /^input1\.txt\s+█{24}\s+100% 12 B \/ 12 B {2}verified$/);
	t.regex(lines[4] ?? '', /^README\.txt\s+░{24}\s+0% 0 B \/ 33 B {2}waiting$/);
	t.is(lines[5], 'esc stops; the next start continues where this one stopped.');
});

test('a file that was already there and verified says so', (t) => {
	const {lastFrame} = render(
		<TransferView
			title="t"
			files={[{label: 'a.bin', state: 'skipped', done: 5, total: 5}]}
			done={5}
			total={5}
		/>,
	);
	t.regex(lastFrame() ?? '', /a\.bin\s+█{24}\s+100% 5 B \/ 5 B {2}already there, verified/);
});
