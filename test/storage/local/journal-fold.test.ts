import test from 'ava';
import {foldJournal} from '../../../source/storage/local/listing-index/journal-fold.js';
import type {
	IndexedObject,
	JournalRecord,
} from '../../../source/storage/local/listing-index/journal-records.js';
import {
	decodeJournal,
	encodeRecord,
} from '../../../source/storage/local/listing-index/journal-records.js';

const object = (key: string, etag: string): IndexedObject => ({
	kind: 'object',
	key,
	bytes: 1,
	hash: etag,
	contentType: 'text/plain',
	lastModified: '2023-11-14T22:13:20.000Z',
});
const put = (id: string, key: string, etag = id): JournalRecord => ({
	kind: 'put',
	id,
	object: object(key, etag),
});
const remove = (id: string, key: string): JournalRecord => ({kind: 'delete', id, key});
const done = (id: string, key: string): JournalRecord => ({kind: 'done', id, key});
const abort = (id: string, key: string): JournalRecord => ({kind: 'abort', id, key});

test('a write with its done is trusted; a later clean write wins', (t) => {
	const states = foldJournal([
		put('1', 'a'),
		done('1', 'a'),
		put('2', 'a'),
		done('2', 'a'),
		remove('3', 'b'),
		done('3', 'b'),
	]);
	t.deepEqual(states.get('a'), {trusted: true, object: object('a', '2')});
	t.deepEqual(states.get('b'), {trusted: true, object: undefined});
});

test('an intent without its done leaves the key to its file', (t) => {
	// A crash between the intent and the done: the rename may or may not have happened.
	t.deepEqual(foldJournal([put('1', 'a')]).get('a'), {trusted: false});
	t.deepEqual(foldJournal([put('1', 'a'), done('1', 'a'), remove('2', 'a')]).get('a'), {
		trusted: false,
	});
});

test('two writes of one key that overlap leave it to its file: their renames may be in either order', (t) => {
	for (const records of [
		[put('1', 'a'), put('2', 'a'), done('1', 'a'), done('2', 'a')],
		[put('1', 'a'), put('2', 'a'), done('2', 'a'), done('1', 'a')],
	])
		t.deepEqual(foldJournal(records).get('a'), {trusted: false});
	// Once both are done, a write that starts after them is trusted again.
	t.deepEqual(
		foldJournal([
			put('1', 'a'),
			put('2', 'a'),
			done('1', 'a'),
			done('2', 'a'),
			put('3', 'a'),
			done('3', 'a'),
		]).get('a'),
		{trusted: true, object: object('a', '3')},
	);
	// Writes of other keys do not overlap.
	t.deepEqual(
		foldJournal([put('1', 'a'), put('2', 'b'), done('1', 'a'), done('2', 'b')]).get('a'),
		{
			trusted: true,
			object: object('a', '1'),
		},
	);
});

test('a write that never finished keeps later writes of its key untrusted', (t) => {
	const states = foldJournal([
		put('1', 'a'),
		put('2', 'a'),
		done('2', 'a'),
		put('3', 'a'),
		done('3', 'a'),
	]);
	t.deepEqual(states.get('a'), {trusted: false});
});

test('a done whose intent was lost, or an intent seen twice, leaves the key to its file', (t) => {
	t.deepEqual(foldJournal([done('9', 'a')]).get('a'), {trusted: false});
	t.deepEqual(
		foldJournal([put('1', 'a'), done('1', 'a'), put('1', 'a'), done('1', 'a')]).get('a'),
		{
			trusted: false,
		},
	);
});

test('an aborted write changes nothing', (t) => {
	const states = foldJournal([
		put('1', 'a'),
		done('1', 'a'),
		put('2', 'a', 'lost'),
		abort('2', 'a'),
		abort('7', 'b'),
	]);
	t.deepEqual(states.get('a'), {trusted: true, object: object('a', '1')});
	t.false(states.has('b'));
});

test('records survive their encoding, and a torn line loses only what it held', (t) => {
	const records = [
		put('1', 'tab\there/ü 🧬'),
		done('1', 'tab\there/ü 🧬'),
		remove('2', 'x'),
		abort('2', 'x'),
	];
	const text = records.map(encodeRecord).join('');
	t.deepEqual(decodeJournal(text), records);
	// A crash in the middle of an append, then another process's next record on the same line.
	const torn = encodeRecord(put('3', 'y')).slice(0, 20) + encodeRecord(done('1', 'z'));
	t.deepEqual(decodeJournal(text + torn + encodeRecord(done('4', 'w'))), [
		...records,
		done('4', 'w'),
	]);
});
