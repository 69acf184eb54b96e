/**
 * A job whose results are encrypted, end to end on the real Swift through the session's use
 * cases: the requester (who has a Crypt4GH key) submits, which publishes their public key with
 * the job; the analyst claims and delivers, which encrypts every result to that key; the
 * requester downloads and gets the exact bytes. The bucket never holds a result's plaintext.
 * The users' config folders are their own (XDG_CONFIG_HOME per user, as on two machines).
 */
import {randomBytes} from 'node:crypto';
import {mkdir, mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {buffer} from 'node:stream/consumers';
import test from 'ava';
import {generateKey} from '../../source/crypt4gh/key-actions.js';
import {KeyChanged, KnownKeys} from '../../source/crypt4gh/known-keys.js';
import {newSecretKey, publicKeyOf} from '../../source/crypt4gh/index.js';
import {publishKey} from '../../source/crypt4gh/published-keys.js';
import {Secret} from '../../source/credentials/secret.js';
import {systemClock} from '../../source/jobs/clock.js';
import {TaskCache} from '../../source/jobs/task-cache.js';
import {builtInCatalogue, findAnalysisType} from '../../source/protocol/catalogue.js';
import type {Task} from '../../source/protocol/task.js';
import {assembleSession} from '../../source/session/session.js';
import {downloadObject, uploadFile} from '../../source/transfer/index.js';
import {removeContainer, uniqueContainer} from '../helpers/servers.js';
import {tempauthStore} from '../jobs/analyst/swift.js';

const {store, auth} = tempauthStore();
const bucket = uniqueContainer('encrypted-job');
const root = await mkdtemp(join(tmpdir(), 'ivjm-encrypted-job-'));
const other = findAnalysisType(builtInCatalogue, 'other')!;

test.before(async () => store.createContainer(bucket));
test.after.always(async () => {
	await removeContainer(store, await auth.getSession(), bucket);
	await store.close();
	await rm(root, {recursive: true, force: true});
});

function sessionOf(user: string) {
	return assembleSession({
		store,
		bucket,
		user,
		location: 'swift (test)',
		tasks: new TaskCache(),
		transfers: {upload: uploadFile, download: downloadObject},
		downloadFolder: join(root, user, 'downloads'),
		workFolder: join(root, user, 'work'),
		refreshSeconds: 3600,
		clock: systemClock,
	});
}

/** Runs `work` as `user`: their own XDG folders (keys, known keys, journals). */
async function as<T>(user: string, work: () => Promise<T>): Promise<T> {
	const saved = {config: process.env['XDG_CONFIG_HOME'], state: process.env['XDG_STATE_HOME']};
	process.env['XDG_CONFIG_HOME'] = join(root, user, 'config');
	process.env['XDG_STATE_HOME'] = join(root, user, 'state');
	try {
		return await work();
	} finally {
		for (const [name, value] of [
			['XDG_CONFIG_HOME', saved.config],
			['XDG_STATE_HOME', saved.state],
		] as const) {
			if (value === undefined) delete process.env[name];
			else process.env[name] = value;
		}
	}
}

test.serial(
	'results are encrypted to the key the requester published with the job, and decrypt to the exact bytes',
	async (t) => {
		const requester = sessionOf('requester');
		const analyst = sessionOf('analyst');
		const input = join(root, 'input.txt');
		await writeFile(input, 'scores to compute\n');
		const instructions = join(root, 'README.txt');
		await writeFile(instructions, 'run it\n');
		const jobId = await as('requester', async () => {
			await generateKey({name: 'default', passphrase: new Secret('correct horse')});
			const prepared = requester.researcher.prepareSubmit({
				user: 'requester',
				name: 'encrypted results',
				requestor: 'requester@example.org',
				biobanks: ['HUS'],
				analysis: other,
				inputFiles: [{path: input, name: 'input.txt'}],
				instructionsFile: {path: instructions, name: 'README.txt'},
				outputs: ['scores.txt'],
			});
			return requester.researcher.submit(prepared);
		});
		const published = await store.head({
			container: bucket,
			key: `jobs/requester/${jobId}/requester.c4gh.pub`,
		});
		t.true(published.bytes > 0, 'the public key went with the job');

		const secretLine = `IID ${randomBytes(6).toString('hex')} 0.123`;
		const delivered = await as('analyst', async () => {
			const claimed = await analyst.analyst.claim({
				jobId,
				biobank: 'HUS',
				workFolder: join(root, 'analyst', 'work'),
			});
			await writeFile(join(claimed.jobFolder, 'scores.txt'), `${secretLine}\n`);
			const job = await analyst.analyst.job('HUS', jobId);
			return analyst.analyst.deliver({
				task: job.task as Task,
				biobank: 'HUS',
				jobFolder: claimed.jobFolder,
				review: {
					justify: {'scores.txt': 'test: per-individual scores are the point of this job'},
				},
			});
		});
		t.is(delivered.encryption.kind, 'encrypted');
		t.like(delivered.encryption, {holder: 'requester requester', firstUse: true});
		const objects: string[] = [];
		for await (const entry of store.list(bucket, {prefix: `jobs/requester/${jobId}/HUS/results/`}))
			if (entry.kind === 'object') objects.push(entry.key);
		t.deepEqual(objects, [`jobs/requester/${jobId}/HUS/results/scores.txt.c4gh`]);
		const raw = await buffer((await store.get({container: bucket, key: objects[0]!})).body);
		t.false(raw.includes(Buffer.from(secretLine)), 'no plaintext of a result in the bucket');

		await as('requester', async () => {
			const job = await requester.researcher.job(jobId);
			const folder = join(root, 'requester', 'downloads');
			await mkdir(folder, {recursive: true});
			await t.throwsAsync(requester.researcher.downloadResults(job, folder), {
				message: /protected by a passphrase: set C4GH_PASSPHRASE/u,
			});
			const files = await requester.researcher.downloadResults(job, folder, {
				passphrase: async () => new Secret('correct horse'),
			});
			t.deepEqual(
				files.map((file) => file.result.path),
				[join(folder, jobId, 'HUS', 'scores.txt')],
			);
			t.is(await readFile(join(folder, jobId, 'HUS', 'scores.txt'), 'utf8'), `${secretLine}\n`);
		});
	},
);

test.serial(
	'a requester key swapped in the bucket is refused before anything is sent',
	async (t) => {
		const analyst = sessionOf('analyst');
		// This analyst encrypted to "requester requester" before; a new job now carries another
		// key under that requester's name.
		const jobId = `${Math.floor(Date.now() / 1000) + 7}-requester`;
		await publishKey(store, bucket, {kind: 'requester', jobId}, publicKeyOf(newSecretKey()));
		await as('second-analyst', async () => {
			await new KnownKeys().trust('requester requester', publicKeyOf(newSecretKey()));
			await t.throwsAsync(
				analyst.analyst.deliver({
					task: {id: jobId} as Task,
					biobank: 'HUS',
					jobFolder: join(root, 'nowhere'),
				}),
				{instanceOf: KeyChanged, message: new RegExp(`ivjm keys trust --job ${jobId}$`, 'u')},
			);
		});
		const results: string[] = [];
		for await (const entry of store.list(bucket, {prefix: `jobs/requester/${jobId}/HUS/`}))
			results.push(entry.kind === 'object' ? entry.key : entry.prefix);
		t.deepEqual(results, []);
	},
);
