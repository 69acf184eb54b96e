import {text} from 'node:stream/consumers';
import test from 'ava';
import {ClaimLost, WrongStatus} from '../../../source/jobs/analyst/analyst-errors.js';
import {claimIdMetadata, claimJob} from '../../../source/jobs/analyst/claim-job.js';
import {giveUpJob} from '../../../source/jobs/analyst/give-up-job.js';
import {loadInboxJob} from '../../../source/jobs/analyst/load-inbox.js';
import {isoTime} from '../../../source/jobs/clock.js';
import {writeMarker} from '../../../source/jobs/write-marker.js';
import {claimBody, markerKey} from '../../../source/protocol/index.js';
import {bucket, caches, clockAt, localStore, seedJob} from './seed.js';

const now = 1_800_000_000_000;

test('a claim writes status/processing as "<analyst>: <time>", text/plain, with its claim id', async (t) => {
	const {store} = await localStore(t);
	const jobId = await seedJob(store, {seconds: 1_700_000_000, biobanks: ['HUS']});
	const claim = await claimJob(store, bucket, clockAt(now), {
		jobId,
		biobank: 'HUS',
		analyst: 'lvirtanen',
		settleMs: 0,
		claimId: 'claim-1',
	});
	t.like(claim, {by: 'lvirtanen', at: isoTime(now), reclaimed: false, already: false});
	const {head, body} = await store.get({
		container: bucket,
		key: markerKey(jobId, 'HUS', 'processing'),
	});
	t.is(await text(body), claimBody('lvirtanen', isoTime(now)));
	t.is(head.contentType, 'text/plain');
	t.is(head.metadata[claimIdMetadata], 'claim-1');
	t.is((await loadInboxJob(store, bucket, 'HUS', jobId, caches())).status, 'processing');
});

test('a second analyst cannot claim a job already claimed, and is told who has it since when', async (t) => {
	const {store} = await localStore(t);
	const jobId = await seedJob(store, {seconds: 1_700_000_000, biobanks: ['HUS']});
	await claimJob(store, bucket, clockAt(now), {
		jobId,
		biobank: 'HUS',
		analyst: 'lvirtanen',
		settleMs: 0,
	});
	const error = await t.throwsAsync(
		claimJob(store, bucket, clockAt(now + 1000), {
			jobId,
			biobank: 'HUS',
			analyst: 'kmakinen',
			settleMs: 0,
		}),
		{instanceOf: ClaimLost},
	);
	t.is(
		error?.message,
		`Job ${jobId} at HUS is already claimed by lvirtanen since ${isoTime(now)}.`,
	);
	t.is(error?.by, 'lvirtanen');
});

test('of two claims racing on the create, exactly one wins on the local store', async (t) => {
	const {store} = await localStore(t);
	const jobId = await seedJob(store, {seconds: 1_700_000_000, biobanks: ['HUS']});
	const outcomes = await Promise.allSettled(
		['lvirtanen', 'kmakinen'].map((analyst) =>
			claimJob(store, bucket, clockAt(now), {jobId, biobank: 'HUS', analyst, settleMs: 50}),
		),
	);
	t.is(outcomes.filter((outcome) => outcome.status === 'fulfilled').length, 1);
	const lost = outcomes.find((outcome) => outcome.status === 'rejected');
	const won = outcomes.find((outcome) => outcome.status === 'fulfilled');
	t.true(lost?.status === 'rejected' && lost.reason instanceof ClaimLost);
	if (lost?.status === 'rejected' && won?.status === 'fulfilled') {
		t.is((lost.reason as ClaimLost).by, won.value.by);
	}
});

test('a claim whose marker was overwritten while it settled is lost to the writer that stayed', async (t) => {
	// As on Swift, whose create-only write is not atomic: the claim waits, and reads back.
	const store = {...(await localStore(t)).store, atomicCreateOnly: false};
	const jobId = await seedJob(store, {seconds: 1_700_000_000, biobanks: ['HUS']});
	const key = markerKey(jobId, 'HUS', 'processing');
	const claim = claimJob(store, bucket, clockAt(now), {
		jobId,
		biobank: 'HUS',
		analyst: 'lvirtanen',
		settleMs: 300,
	});
	// What Swift lets happen: a racing create-only PUT also told 201, stored after ours.
	await new Promise((resolve) => setTimeout(resolve, 100));
	await store.put({container: bucket, key}, claimBody('kmakinen', isoTime(now + 5)), {
		contentType: 'text/plain',
		metadata: {[claimIdMetadata]: 'the other claim'},
	});
	const error = await t.throwsAsync(claim, {instanceOf: ClaimLost});
	t.is(
		error?.message,
		`Job ${jobId} at HUS is already claimed by kmakinen since ${isoTime(now + 5)}.`,
	);
});

test('claiming again a job one already holds writes nothing and says so', async (t) => {
	const {store} = await localStore(t);
	const jobId = await seedJob(store, {seconds: 1_700_000_000, biobanks: ['HUS']});
	await claimJob(store, bucket, clockAt(now), {
		jobId,
		biobank: 'HUS',
		analyst: 'lvirtanen',
		settleMs: 0,
	});
	const again = await claimJob(store, bucket, clockAt(now + 60_000), {
		jobId,
		biobank: 'HUS',
		analyst: 'lvirtanen',
		settleMs: 0,
	});
	t.like(again, {already: true, at: isoTime(now)});
});

test('a ready or cancelled job cannot be claimed', async (t) => {
	const {store} = await localStore(t);
	const ready = await seedJob(store, {seconds: 1_700_000_000, biobanks: ['HUS']});
	const cancelled = await seedJob(store, {seconds: 1_700_000_001, biobanks: ['HUS']});
	await writeMarker(store, bucket, clockAt(now), {
		jobId: ready,
		biobank: 'HUS',
		marker: 'ready',
		by: 'x',
	});
	await writeMarker(store, bucket, clockAt(now), {
		jobId: cancelled,
		biobank: 'HUS',
		marker: 'cancelled',
		by: 'requester',
		reason: 'wrong file',
	});
	const claim = (jobId: string) =>
		claimJob(store, bucket, clockAt(now), {
			jobId,
			biobank: 'HUS',
			analyst: 'lvirtanen',
			settleMs: 0,
		});
	await t.throwsAsync(claim(ready), {instanceOf: WrongStatus, message: /already delivered/});
	await t.throwsAsync(claim(cancelled), {
		instanceOf: WrongStatus,
		message: /cancelled by its requester/,
	});
});

test('a failed job is taken up again by a later claim, which replaces the processing marker', async (t) => {
	const {store} = await localStore(t);
	const jobId = await seedJob(store, {seconds: 1_700_000_000, biobanks: ['HUS']});
	const claim = (analyst: string, at: number) =>
		claimJob(store, bucket, clockAt(at), {jobId, biobank: 'HUS', analyst, settleMs: 0});
	await claim('lvirtanen', now);
	await giveUpJob(store, bucket, clockAt(now + 1000), {
		jobId,
		biobank: 'HUS',
		analyst: 'lvirtanen',
		marker: 'failed',
		reason: 'out of memory',
	});
	t.is((await loadInboxJob(store, bucket, 'HUS', jobId, caches())).status, 'failed');
	// The markers' times are the store's: make sure the re-claim is written in a later millisecond.
	await new Promise((resolve) => setTimeout(resolve, 20));
	const again = await claim('kmakinen', now + 2000);
	t.like(again, {reclaimed: true, by: 'kmakinen'});
	const job = await loadInboxJob(store, bucket, 'HUS', jobId, caches());
	t.is(job.status, 'processing');
	t.like(job.holder, {by: 'kmakinen'});
});

test('a declined job can be claimed after all', async (t) => {
	const {store} = await localStore(t);
	const jobId = await seedJob(store, {seconds: 1_700_000_000, biobanks: ['HUS']});
	await giveUpJob(store, bucket, clockAt(now), {
		jobId,
		biobank: 'HUS',
		analyst: 'lvirtanen',
		marker: 'declined',
		reason: 'phenotype not collected',
	});
	await new Promise((resolve) => setTimeout(resolve, 20));
	const claim = await claimJob(store, bucket, clockAt(now + 1000), {
		jobId,
		biobank: 'HUS',
		analyst: 'lvirtanen',
		settleMs: 0,
	});
	t.true(claim.reclaimed);
	t.is((await loadInboxJob(store, bucket, 'HUS', jobId, caches())).status, 'processing');
});
