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
