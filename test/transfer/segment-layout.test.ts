import test from 'ava';
import {
	chooseSegmentSize,
	maxSegments,
	segmentLayout,
	swiftMtime,
} from '../../source/transfer/segment-layout.js';

test('segments are named as python-swiftclient names them, the last one shorter', (t) => {
	const segments = segmentLayout('input/data.tar', '1664963696.123456', 250, 100);
	t.deepEqual(segments, [
		{index: 0, key: 'input/data.tar/slo/1664963696.123456/250/100/00000000', start: 0, bytes: 100},
		{
			index: 1,
			key: 'input/data.tar/slo/1664963696.123456/250/100/00000001',
			start: 100,
			bytes: 100,
		},
		{index: 2, key: 'input/data.tar/slo/1664963696.123456/250/100/00000002', start: 200, bytes: 50},
	]);
});

test('the mtime is written with six decimals, as "%f" % getmtime() does', (t) => {
	t.is(swiftMtime(1_664_963_696_123_456_789n), '1664963696.123456');
	t.is(swiftMtime(1_664_963_696_000_001_000n), '1664963696.000001');
});

test('more segments than Swift accepts in one manifest is refused with the size that fits', (t) => {
	const error = t.throws(() => segmentLayout('k', '1.000000', 1001, 1));
	t.regex(
		error.message,
		/1001 segments; Swift takes at most 1000: use segments of at least 2 bytes/,
	);
});

test('a segment size above Swift’s 5 GiB object limit is refused', (t) => {
	t.throws(() => segmentLayout('k', '1.000000', 10, 6 * 1024 ** 3), {instanceOf: RangeError});
});

test('the default segment size grows for a file that would need too many segments', (t) => {
	const size = 1000 * 256 * 1024 ** 2 + 1;
	const chosen = chooseSegmentSize(size, undefined, 256 * 1024 ** 2);
	t.true(Math.ceil(size / chosen) <= maxSegments);
	t.is(chooseSegmentSize(10, 3, 256), 3, 'a size asked for is kept');
});

test('a key too long for segment names is refused before anything is sent', (t) => {
	t.throws(() => segmentLayout('k'.repeat(1000), '1.000000', 10, 5), {message: /too long/});
});
