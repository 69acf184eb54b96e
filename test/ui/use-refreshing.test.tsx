import test from 'ava';
import {Text} from 'ink';
import {render} from 'ink-testing-library';
import {useRefreshing} from '../../source/ui/hooks/use-refreshing.js';
import {frameMatching} from './render-with-session.js';

function Slow({load}: {load: (signal: AbortSignal) => Promise<string>}) {
	const {data} = useRefreshing(load, 20);
	return <Text>{data ?? 'loading'}</Text>;
}

test('a load slower than the refresh interval still finishes and is shown', async (t) => {
	let started = 0;
	const load = async (signal: AbortSignal) => {
		started++;
		await new Promise((resolve) => setTimeout(resolve, 200));
		signal.throwIfAborted();
		return 'loaded';
	};
	const {lastFrame, unmount} = render(<Slow load={load} />);
	t.teardown(unmount);
	await frameMatching(lastFrame, /loaded/u);
	t.true(started <= 2, `ticks during a running load start no new load (started ${started})`);
});

test('the next load waits at least twice as long as the last one took, after it ended', async (t) => {
	const runs: Array<{start: number; end?: number}> = [];
	const load = async (signal: AbortSignal) => {
		const run: {start: number; end?: number} = {start: Date.now()};
		runs.push(run);
		await new Promise((resolve) => setTimeout(resolve, 150));
		run.end = Date.now();
		signal.throwIfAborted();
		return `loaded ${runs.length}`;
	};
	const {lastFrame, unmount} = render(<Slow load={load} />);
	t.teardown(unmount);
	await frameMatching(lastFrame, /loaded 2/u);
	const [first, second] = runs;
	const took = (first?.end ?? 0) - (first?.start ?? 0);
	const gap = (second?.start ?? 0) - (first?.end ?? 0);
	// The interval is 20 ms: back to back, the second load started about 20 ms after the first.
	t.true(gap >= 2 * took, `waited ${gap} ms after a load of ${took} ms`);
});
