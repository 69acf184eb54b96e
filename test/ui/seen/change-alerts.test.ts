import test from 'ava';
import {
	biobankArrivals,
	newRequests,
	type StatusSnapshot,
} from '../../../source/ui/seen/change-alerts.js';
import {ringTerminal} from '../../../source/ui/seen/terminal-alert.js';
import type {BiobankStatus} from '../../../source/protocol/status.js';

const snapshot = (jobs: Record<string, Record<string, BiobankStatus>>): StatusSnapshot =>
	new Map(
		Object.entries(jobs).map(([jobId, biobanks]) => [jobId, new Map(Object.entries(biobanks))]),
	);

const nobody = () => false;

test('a biobank that became ready or failed is an arrival; one already so, or a new job, is not', (t) => {
	const before = snapshot({a: {HUS: 'processing', FIMM: 'waiting'}, b: {HUS: 'ready'}});
	const after = snapshot({
		a: {HUS: 'ready', FIMM: 'failed'},
		b: {HUS: 'ready'},
		c: {HUS: 'failed'},
	});
	t.deepEqual(biobankArrivals(before, after, nobody), [
		{jobId: 'a', biobank: 'HUS', status: 'ready'},
		{jobId: 'a', biobank: 'FIMM', status: 'failed'},
	]);
	const declined = snapshot({a: {HUS: 'declined', FIMM: 'cancelled'}});
	t.deepEqual(biobankArrivals(before, declined, nobody), []);
});

test("this process's own changes are not announced", (t) => {
	const before = snapshot({a: {HUS: 'processing', FIMM: 'processing'}});
	const after = snapshot({a: {HUS: 'ready', FIMM: 'ready'}});
	const own = (jobId: string, biobank?: string) => jobId === 'a' && biobank === 'HUS';
	t.deepEqual(biobankArrivals(before, after, own), [
		{jobId: 'a', biobank: 'FIMM', status: 'ready'},
	]);
	t.deepEqual(
		newRequests(new Set(['x']), ['x', 'y', 'z'], (jobId) => jobId === 'z'),
		['y'],
	);
});

function terminal(isTTY: boolean) {
	const written: string[] = [];
	const output = Object.assign(
		{
			write(chunk: string) {
				written.push(chunk);
				return true;
			},
		} as unknown as NodeJS.WritableStream,
		{isTTY},
	);
	return {output, written};
}

test('the bell always; OSC 9 where the terminal shows it, with the text made safe; nothing without a terminal', (t) => {
	const iterm = terminal(true);
	t.true(
		ringTerminal('ivjm: BMI\u001B]52;c;x\u0007 ready at HUS', iterm.output, {
			TERM_PROGRAM: 'iTerm.app',
		}),
	);
	t.is(iterm.written.join(''), '\u0007\u001B]9;ivjm: BMI␛]52,c,x␇ ready at HUS\u0007');
	const tmux = terminal(true);
	ringTerminal('ivjm: BMI ready at HUS', tmux.output, {
		TMUX: '/tmp/tmux',
		TERM_PROGRAM: 'iTerm.app',
	});
	t.is(tmux.written.join(''), '\u0007');
	const pipe = terminal(false);
	t.false(ringTerminal('ivjm: BMI ready at HUS', pipe.output, {}));
	t.deepEqual(pipe.written, []);
});
