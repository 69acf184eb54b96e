import {text} from 'node:stream/consumers';
import test from 'ava';
import {WrongStatus} from '../../../source/jobs/analyst/analyst-errors.js';
import {JobError} from '../../../source/jobs/job-error.js';
import {claimJob} from '../../../source/jobs/analyst/claim-job.js';
import {giveUpJob} from '../../../source/jobs/analyst/give-up-job.js';
import {loadInboxJob} from '../../../source/jobs/analyst/load-inbox.js';
import {isoTime} from '../../../source/jobs/clock.js';
import {markerKey, parseMarkerBody} from '../../../source/protocol/index.js';
import {bucket, caches, clockAt, localStore, seedJob} from './seed.js';

const now = 1_800_000_000_000;

test('declining a waiting job writes the reason the requester reads', async (t) => {
	const {store} = await localStore(t);
	const jobId = await seedJob(store, {seconds: 1_700_000_000, biobanks: ['HUS']});
	await giveUpJob(store, bucket, clockAt(now), {
		jobId,
		biobank: 'HUS',
		analyst: 'lvirtanen',
		marker: 'declined',
		reason: ' BMI_adj is not collected at HUS.\n',
	});
	const {body} = await store.get({container: bucket, key: markerKey(jobId, 'HUS', 'declined')});
	t.deepEqual(parseMarkerBody(await text(body)), {
		by: 'lvirtanen',
		at: isoTime(now),
		reason: 'BMI_adj is not collected at HUS.',
	});
	const job = await loadInboxJob(store, bucket, 'HUS', jobId, caches());
	t.is(job.status, 'declined');
	t.like(job.holder, {marker: 'declined', by: 'lvirtanen'});
});

test('a run cannot be marked failed before it is claimed', async (t) => {
	const {store} = await localStore(t);
	const jobId = await seedJob(store, {seconds: 1_700_000_000, biobanks: ['HUS']});
	await t.throwsAsync(
		giveUpJob(store, bucket, clockAt(now), {
			jobId,
			biobank: 'HUS',
			analyst: 'lvirtanen',
			marker: 'failed',
			reason: 'x',
		}),
		{instanceOf: WrongStatus, message: /claim it before you mark a run failed/},
	);
});

test('only the analyst holding the claim can mark it failed', async (t) => {
	const {store} = await localStore(t);
	const jobId = await seedJob(store, {seconds: 1_700_000_000, biobanks: ['HUS']});
	await claimJob(store, bucket, clockAt(now), {
		jobId,
		biobank: 'HUS',
		analyst: 'lvirtanen',
		settleMs: 0,
	});
	await t.throwsAsync(
		giveUpJob(store, bucket, clockAt(now), {
			jobId,
			biobank: 'HUS',
			analyst: 'kmakinen',
			marker: 'failed',
			reason: 'x',
		}),
		{
			instanceOf: WrongStatus,
			message: /claimed by lvirtanen since .*: only they can mark it failed/,
		},
	);
	await giveUpJob(store, bucket, clockAt(now), {
		jobId,
		biobank: 'HUS',
		analyst: 'lvirtanen',
		marker: 'failed',
		reason: 'exit code 137',
	});
	t.is((await loadInboxJob(store, bucket, 'HUS', jobId, caches())).status, 'failed');
});

test('an empty reason is refused', async (t) => {
	const {store} = await localStore(t);
	const jobId = await seedJob(store, {seconds: 1_700_000_000, biobanks: ['HUS']});
	await t.throwsAsync(
		giveUpJob(store, bucket, clockAt(now), {
			jobId,
			biobank: 'HUS',
			analyst: 'lvirtanen',
			marker: 'declined',
			reason: ' \n ',
		}),
		{instanceOf: JobError, message: 'A reason is needed: the requester reads it.'},
	);
});

test('a reason with a control character inside is refused, saying which, and nothing is written', async (t) => {
	const {store} = await localStore(t);
	const jobId = await seedJob(store, {seconds: 1_700_000_000, biobanks: ['HUS']});
	for (const [reason, named] of [
		['not\ncollected', /U\+000A line break\) at character 4/u],
		['see \u001B]52;c;ZWNobyBoaQ==\u0007', /U\+001B ESC/u],
		['fails \u202Etxt.exe', /U\+202E right-to-left override/u],
	] as const) {
		await t.throwsAsync(
			giveUpJob(store, bucket, clockAt(now), {
				jobId,
				biobank: 'HUS',
				analyst: 'lvirtanen',
				marker: 'declined',
				reason,
			}),
			{instanceOf: JobError, message: named},
		);
	}
	t.is((await loadInboxJob(store, bucket, 'HUS', jobId, caches())).status, 'waiting');
});
