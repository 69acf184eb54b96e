import test from 'ava';
import fc from 'fast-check';
import {
	cipherSegmentSize,
	encryptedSize,
	plainSizeOf,
	resumePoint,
	segmentOfCipherOffset,
	segmentSize,
} from '../../source/crypt4gh/index.js';
import {fixtureIndex, fixtureFile} from './fixtures.js';

test('encryptedSize gives the size of every reference file from its header and plaintext sizes', (t) => {
	const plain = (name: string) => fixtureFile(name).size;
	const files = fixtureIndex.files.filter(
		(file) => file.name.startsWith('enc-') && !file.name.includes('range'),
	);
	t.true(files.length >= 9);
	for (const file of files) {
		t.is(encryptedSize(file.header_size!, plain(file.decrypts_to!)), file.size, file.name);
		t.is(plainSizeOf(file.header_size!, file.size), plain(file.decrypts_to!), file.name);
	}
});

test('plainSizeOf inverts encryptedSize, and refuses sizes no encrypted file can have', (t) => {
	fc.assert(
		fc.property(fc.nat({max: 2 ** 40}), fc.integer({min: 16, max: 10_000}), (size, header) => {
			return plainSizeOf(header, encryptedSize(header, size)) === size;
		}),
	);
	t.is(
		plainSizeOf(124, 124 + cipherSegmentSize + 28),
		undefined,
		'a last segment of only nonce and tag',
	);
	t.is(plainSizeOf(124, 100), undefined, 'shorter than its header');
	t.throws(() => encryptedSize(124, -1), {instanceOf: RangeError});
});

test('a resume point is the start of the segment holding the offset, in both plaintext and ciphertext', (t) => {
	t.deepEqual(resumePoint(124, 0), {segment: 0, plainOffset: 0, cipherOffset: 124});
	t.deepEqual(resumePoint(124, segmentSize - 1), {segment: 0, plainOffset: 0, cipherOffset: 124});
	t.deepEqual(resumePoint(124, segmentSize), {
		segment: 1,
		plainOffset: segmentSize,
		cipherOffset: 124 + cipherSegmentSize,
	});
	fc.assert(
		fc.property(fc.nat({max: 2 ** 40}), fc.integer({min: 16, max: 10_000}), (offset, header) => {
			const point = resumePoint(header, offset);
			return (
				point.plainOffset <= offset &&
				offset - point.plainOffset < segmentSize &&
				segmentOfCipherOffset(header, point.cipherOffset) === point.segment &&
				point.cipherOffset - header === (point.plainOffset / segmentSize) * cipherSegmentSize
			);
		}),
	);
	t.is(segmentOfCipherOffset(124, 123), undefined, 'inside the header');
});
