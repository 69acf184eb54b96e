import test from 'ava';
import {newSecretKey, publicKeyOf} from '../../source/crypt4gh/index.js';
import {
	describeHolder,
	fetchPublishedKey,
	publishedKeyObject,
	publishKey,
} from '../../source/crypt4gh/published-keys.js';
import {deleteJob, planDeleteJob} from '../../source/jobs/researcher/delete-job.js';
import {parseKey} from '../../source/protocol/keys.js';
import {copyFixtureObjects} from '../helpers/fixtures-store.js';
import {removeContainer, uniqueContainer} from '../helpers/servers.js';
import {tempauthStore} from '../jobs/analyst/swift.js';

const {store, auth} = tempauthStore();
const bucket = uniqueContainer('published-keys');
const fixtureJob = '1795597505-requester';

test.before(async () => {
	await store.createContainer(bucket);
	await copyFixtureObjects(store, bucket);
});

test.after.always(async () => {
	const session = await auth.getSession();
	await removeContainer(store, session, bucket);
	await store.close();
});

test('a biobank key published by its analysts is what a requester reads back', async (t) => {
	const key = publicKeyOf(newSecretKey());
	const holder = {kind: 'biobank', biobank: 'HUS'} as const;
	t.is(await fetchPublishedKey(store, bucket, holder), undefined, 'none published yet');
	await publishKey(store, bucket, holder, key);
	t.is(publishedKeyObject(holder), 'keys/biobanks/HUS.c4gh.pub');
	t.deepEqual(await fetchPublishedKey(store, bucket, holder), Buffer.from(key));
	t.is(describeHolder(holder), 'biobank HUS');
});

test('a requester key lives with the job, is ignored by the job layout, and goes with the job', async (t) => {
	const holder = {kind: 'requester', jobId: fixtureJob} as const;
	const key = publicKeyOf(newSecretKey());
	await publishKey(store, bucket, holder, key);
	t.is(publishedKeyObject(holder), `jobs/requester/${fixtureJob}/requester.c4gh.pub`);
	t.is(describeHolder(holder), 'requester requester');
	t.deepEqual(await fetchPublishedKey(store, bucket, holder), Buffer.from(key));
	// Not filed as any part of a job: the job's readers (ivjm's and the Python tools') skip it.
	t.is(parseKey(publishedKeyObject(holder)).kind, 'unknown');
	const plan = await planDeleteJob(store, bucket, fixtureJob, ['HUS', 'FIMM'], {
		user: 'requester',
	});
	t.true(plan.objects.includes(publishedKeyObject(holder)));
	await deleteJob(store, bucket, plan);
	t.is(await fetchPublishedKey(store, bucket, holder), undefined);
});

test('an object that is not a public key is refused with its name, and a bad biobank name never reaches the bucket', async (t) => {
	const holder = {kind: 'biobank', biobank: 'FIMM'} as const;
	await store.put({container: bucket, key: publishedKeyObject(holder)}, 'hello', {
		contentType: 'text/plain',
	});
	await t.throwsAsync(fetchPublishedKey(store, bucket, holder), {
		message: /biobank FIMM's published key \(keys\/biobanks\/FIMM\.c4gh\.pub\)/u,
	});
	t.throws(() => publishedKeyObject({kind: 'biobank', biobank: '../jobs'}));
});
