import test from 'ava';
import {
	chooseSegmentSize,
	framedBytes,
	maxSegments,
	segmentLayout,
	swiftMtime,
} from '../../source/transfer/segment-layout.js';

test('segments are named as python-swiftclient names them, the last one shorter', (t) => {
	const segments = segmentLayout('input/data.tar', '1664963696.123456', 250, 100);
	t.deepEqual(segments, [
		{
			index: 0,
			key: 'input/data.tar/slo/1664963696.123456/250/100/00000000',
			start: 0,
			bytes: 100,
			plain: {start: 0, bytes: 100},
		},
		{
			index: 1,
			key: 'input/data.tar/slo/1664963696.123456/250/100/00000001',
			start: 100,
			bytes: 100,
			plain: {start: 100, bytes: 100},
		},
		{
			index: 2,
			key: 'input/data.tar/slo/1664963696.123456/250/100/00000002',
			start: 200,
			bytes: 50,
			plain: {start: 200, bytes: 50},
		},
	]);
});

test('under a framing, segments hold whole blocks, the first the prefix too', (t) => {
	// A header of 7, blocks of 10 growing by 3: Crypt4GH in miniature.
	const framing = {prefixBytes: 7, blockBytes: 10, blockOverhead: 3};
	const segments = segmentLayout('k', '1.000000', 45, 25, framing);
	t.deepEqual(
		segments.map(({start, bytes, plain}) => ({start, bytes, plain})),
		[
			{start: 0, bytes: 7 + 20 + 6, plain: {start: 0, bytes: 20}},
			{start: 33, bytes: 20 + 6, plain: {start: 20, bytes: 20}},
			{start: 59, bytes: 5 + 3, plain: {start: 40, bytes: 5}},
		],
	);
	t.is(framedBytes(45, framing), 67);
	t.is(segments.at(-1)!.start + segments.at(-1)!.bytes, 67);
	t.true(segments[0]!.key.startsWith('k/slo/1.000000/67/20/'));
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
