import test from 'ava';
import {
	buildInbox,
	buildInboxAsync,
	claimKey,
	openStatusPrefixes,
} from '../../source/protocol/inbox.js';
import {biobankTaskKey} from '../../source/protocol/keys.js';
import type {ListingEntry} from '../../source/protocol/listing.js';
import {parseRequestNote, requestNoteBody} from '../../source/protocol/request-note.js';
import {fixtureIndex, fixtureText, jobFolder, jobId} from './fixture.js';

const listing: ListingEntry[] = fixtureIndex.objects.map((object) => ({
	key: object.key,
	bytes: object.bytes,
}));
const notes = listing.filter((entry) => entry.key.includes('/requests/'));

test("each inbox note of the fixture holds exactly the key of its biobank's task.json", (t) => {
	t.is(notes.length, 2);
	for (const note of notes) {
		const biobank = note.key.split('/')[0] ?? '';
		const body = fixtureText(note.key);
		t.is(body, biobankTaskKey(jobId, biobank));
		t.false(/[\n'"]/.test(body));
		t.is(body, requestNoteBody(jobId, biobank));
		t.deepEqual(parseRequestNote(body, {jobId, biobank}), {
			ok: true,
			taskKey: body,
			user: 'requester',
			jobId,
			biobank,
		});
	}
});

test('the HUS inbox from the whole fixture listing shows the job ready', (t) => {
	const inbox = buildInbox('HUS', listing);
	t.is(inbox.rows.length, 1);
	t.like(inbox.rows[0], {
		jobId,
		user: 'requester',
		submittedAt: 1795597505,
		hasTask: true,
		status: 'ready',
		claimable: false,
		settled: true,
	});
	t.deepEqual(inbox.rows[0]?.request, {key: `HUS/requests/${jobId}`, name: jobId, bytes: 49});
	t.deepEqual(
		inbox.rows[0]?.results.map((file) => [file.name, file.bytes]),
		[['result.txt', 16]],
	);
	t.deepEqual(
		inbox.rows[0]?.markers.map((marker) => marker.name),
		['processing', 'ready', 'submitted'],
	);
	t.deepEqual(openStatusPrefixes(inbox), []);
});

test('a job waiting at a biobank can be claimed there, and its status folder is still open', (t) => {
	const entries = [
		...notes,
		{key: `${jobFolder}/FIMM/status/submitted`, bytes: 26},
		{key: `${jobFolder}/HUS/status/ready`, bytes: 35},
	];
	const inbox = buildInbox('FIMM', entries);
	t.like(inbox.rows[0], {status: 'waiting', claimable: true, settled: false, hasTask: false});
	t.deepEqual(openStatusPrefixes(inbox), [`${jobFolder}/FIMM/status/`]);
	t.is(claimKey(jobId, 'FIMM'), `${jobFolder}/FIMM/status/processing`);
});

test('only jobs with a note to this biobank are in its inbox', (t) => {
	const inbox = buildInbox('HUNT', listing);
	t.deepEqual(inbox.rows, []);
	const fimm = buildInbox('FIMM', [{key: `${jobFolder}/FIMM/status/submitted`, bytes: 26}]);
	t.deepEqual(fimm.rows, []);
});

test('status keys may come before the notes, as from two listings', async (t) => {
	async function* twoListings() {
		yield* listing.filter((entry) => entry.key.startsWith('jobs/'));
		yield* notes;
	}

	const inbox = await buildInboxAsync('FIMM', twoListings());
	t.like(inbox.rows[0], {jobId, status: 'ready'});
});

test('a note that is not a job id is set aside', (t) => {
	const inbox = buildInbox('HUS', [
		...notes,
		{key: 'HUS/requests/README', bytes: 3},
		{key: 'HUS/requests/1-a/b', bytes: 3},
	]);
	t.deepEqual(inbox.ignored, ['HUS/requests/README', 'HUS/requests/1-a/b']);
	t.is(inbox.rows.length, 1);
});

test('a note pointing at another job or biobank is refused, never followed', (t) => {
	const body = biobankTaskKey(jobId, 'HUS');
	t.deepEqual(parseRequestNote(body, {jobId: '1795597506-requester'}), {
		ok: false,
		reason: `The request note for job 1795597506-requester points at job ${jobId}.`,
	});
	t.deepEqual(parseRequestNote(body, {biobank: 'FIMM'}), {
		ok: false,
		reason: 'The request note for FIMM points at the task of HUS.',
	});
	t.false(parseRequestNote('../../etc/passwd').ok);
	t.false(parseRequestNote(`b'${body}'`).ok);
	t.like(parseRequestNote(`${body}\n`), {ok: true, taskKey: body});
});
