import test from 'ava';
import {
	headFromHeaders,
	isoTime,
	metadataHeaders,
	unquote,
} from '../../../source/storage/swift/object-head.js';

test('manifest ETags lose their quotes', (t) => {
	t.is(unquote('"c471c244"'), 'c471c244');
	t.is(unquote('c471c244'), 'c471c244');
	t.is(unquote(undefined), '');
});

test('metadata travels as UTF-8 in Latin-1 headers, names lower-cased', (t) => {
	const headers = metadataHeaders({Analyst: 'Jörg', note: '🧬'});
	t.deepEqual(Object.keys(headers), ['x-object-meta-analyst', 'x-object-meta-note']);
	const head = headFromHeaders('k', headers);
	t.deepEqual(head.metadata, {analyst: 'Jörg', note: '🧬'});
});

test('a head reads size, ETag, type, time and manifest kind', (t) => {
	t.deepEqual(
		headFromHeaders('big.tar', {
			'content-length': '18',
			etag: '"a359c0b2"',
			'content-type': 'application/x-tar',
			'last-modified': 'Wed, 25 Nov 2026 10:55:26 GMT',
			'x-static-large-object': 'True',
		}),
		{
			key: 'big.tar',
			bytes: 18,
			etag: 'a359c0b2',
			contentType: 'application/x-tar',
			lastModified: '2026-11-25T10:55:26.000Z',
			metadata: {},
			manifest: 'slo',
		},
	);
	t.is(headFromHeaders('d', {'x-object-manifest': 'c_segments/d/'}).manifest, 'dlo');
});

test('a ranged answer still tells the whole size', (t) => {
	t.is(headFromHeaders('k', {'content-length': '3', 'content-range': 'bytes 2-4/10'}).bytes, 10);
});

test('listing times without a zone are UTC', (t) => {
	t.is(isoTime('2026-11-25T10:55:24.849270'), '2026-11-25T10:55:24.849Z');
	t.is(isoTime(''), '');
});
