import test from 'ava';
import {render} from 'ink-testing-library';
import {Progress} from '../../source/ui/components/progress/progress.js';
import {
	duration,
	progressBar,
	progressText,
} from '../../source/ui/components/progress/progress-text.js';

test('the bar fills in proportion, with a glyph that differs from the empty part', (t) => {
	t.is(progressBar(0, 100, 10), '░░░░░░░░░░');
	t.is(progressBar(50, 100, 10), '█████░░░░░');
	t.is(progressBar(100, 100, 10), '██████████');
	t.is(progressBar(0, 0, 4), '████', 'an empty file is complete');
});

test('the words give bytes, rate and time left, and drop the time once done', (t) => {
	t.is(
		progressText({done: 500_000_000, total: 2_000_000_000, rate: 50_000_000, etaSeconds: 30}),
		'500 MB / 2 GB  50 MB/s  30s left',
	);
	t.is(
		progressText({done: 2_000_000_000, total: 2_000_000_000, rate: 50_000_000, etaSeconds: 0}),
		'2 GB / 2 GB  50 MB/s',
	);
});

test('durations read as seconds, minutes or hours', (t) => {
	t.is(duration(42), '42s');
	t.is(duration(125), '2m 05s');
	t.is(duration(7260), '2h 01m');
});

test('a progress line shows label, bar, percent, figures and phase', (t) => {
	const {lastFrame, unmount} = render(
		<Progress
			label="container.sif"
			done={25}
			total={100}
			rate={5}
			etaSeconds={15}
			phase="segment 2/4"
			width={8}
		/>,
	);
	t.teardown(unmount);
	t.is(
		lastFrame(),
		'container.sif          ██░░░░░░  25% 25 B / 100 B  5 B/s  15s left  segment 2/4',
	);
});
