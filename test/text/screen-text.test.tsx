import test from 'ava';
import {render} from 'ink-testing-library';
import {Text} from '../../source/text/screen-text.js';
import {hostile, hostileField, megabyteLine, terminalControls} from './hostile-strings.js';

test('Text shows string children of every kind with stand-ins', (t) => {
	const {lastFrame, unmount} = render(
		<Text>
			Task {hostileField} by <Text bold>{hostile.osc52Clipboard}</Text> {42}
		</Text>,
	);
	const frame = lastFrame() ?? '';
	unmount();
	t.deepEqual(terminalControls(frame), []);
	t.true(frame.includes('␛]52;c;ZWNobyBoaQ==␇'));
	t.true(frame.includes('42'));
});

test('Text keeps the line breaks of our own messages', (t) => {
	const {lastFrame, unmount} = render(<Text>{'first\nsecond'}</Text>);
	const frame = lastFrame() ?? '';
	unmount();
	t.is(frame, 'first\nsecond');
});

test('Text cuts a megabyte string before Ink lays it out', (t) => {
	const {lastFrame, unmount} = render(<Text wrap="truncate-end">{megabyteLine}</Text>);
	const frame = lastFrame() ?? '';
	unmount();
	t.deepEqual(terminalControls(frame), []);
	t.true(frame.length < 200);
});
