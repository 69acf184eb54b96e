/**
 * A job whose inputs and results are encrypted, end to end on the real Swift through the
 * session's use cases: the analyst publishes the biobank's key; the requester (who has a key of
 * their own) submits, which encrypts the inputs and the container to the biobank's key and
 * publishes the requester's key with the job; the analyst claims, which decrypts the inputs into
 * the job folder, and delivers, which encrypts every result to the requester; the requester
 * downloads and gets the exact bytes. Every object of the job is read back directly: none holds
 * a plaintext of an input or a result. The users' config folders are their own (as on two machines).
 */
import {createHash, randomBytes} from 'node:crypto';
import {mkdir, readdir, readFile, rm, stat, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import test from 'ava';
import {generateKey} from '../../source/crypt4gh/key-actions.js';
import {KeyChanged, KnownKeys} from '../../source/crypt4gh/known-keys.js';
import {newSecretKey, publicKeyOf, readPublicKey} from '../../source/crypt4gh/index.js';
import {publishKey} from '../../source/crypt4gh/published-keys.js';
import {Secret} from '../../source/credentials/secret.js';
import type {Task} from '../../source/protocol/task.js';
import {ensurePythonNacl, naclReader} from '../crypt4gh/python-nacl.js';
import {encryptedFlow} from './encrypted-flow-kit.js';

const flow = await encryptedFlow('encrypted-job');
const {store, bucket, root, sessionOf, as, objectsUnder, submit} = flow;
const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

test.before(() => ensurePythonNacl());
test.after.always(async () => flow.close());

test.serial(
	'inputs encrypted to the biobank and results to the requester flow end to end, and no object holds their plaintext',
	async (t) => {
		const biobankKey = await as('analyst', async () => {
			const made = await generateKey({name: 'default', passphrase: new Secret('biobank secret')});
			const publicKey = readPublicKey(made.publicKey, 'the new key');
			await publishKey(store, bucket, {kind: 'biobank', biobank: 'HUS'}, publicKey);
			return made;
		});
		const input = `IID ${randomBytes(6).toString('hex')} AA GT\n`.repeat(3);
		const container = randomBytes(8 * 1024 * 1024 + 17);
		const {jobId, told, encryption} = await as('requester', async () => {
			await generateKey({name: 'default', passphrase: new Secret('correct horse')});
			return submit('requester', ['HUS'], {input, container});
		});
		t.deepEqual(told, ['encryption', 'uploading', 'publishing', 'done'], 'told before any upload');
		t.like(encryption, {kind: 'encrypted'});
		t.deepEqual(
			encryption.kind === 'encrypted' &&
				encryption.recipients.map(({biobank, fingerprint, firstUse}) => ({
					biobank,
					fingerprint,
					firstUse,
				})),
			[{biobank: 'HUS', fingerprint: biobankKey.fingerprint, firstUse: true}],
		);
		const prefix = `jobs/requester/${jobId}/`;
		const stored = await objectsUnder(prefix);
		t.deepEqual([...stored.keys()].filter((key) => key.includes('/input/')).sort(), [
			`${prefix}input/README.txt`,
			`${prefix}input/input.txt.c4gh`,
			`${prefix}input/tool.sif.c4gh`,
		]);
		const task = JSON.parse(stored.get(`${prefix}HUS/task.json`)!.toString('utf8')) as {
			inputs: Array<{path: string; encryption?: unknown}>;
		};
		t.deepEqual(
			task.inputs.map((item) => [item.path, item.encryption]),
			[
				['input.txt.c4gh', {format: 'crypt4gh', recipients: {HUS: biobankKey.fingerprint}}],
				['tool.sif.c4gh', {format: 'crypt4gh', recipients: {HUS: biobankKey.fingerprint}}],
			],
		);
		const probe = container.subarray(2_000_000, 2_000_064);
		for (const [key, body] of stored) {
			t.false(body.includes(input.slice(0, 20)), `no plaintext of input.txt in ${key}`);
			t.false(body.includes(probe), `no plaintext of tool.sif in ${key}`);
		}
		// A reader on libsodium (python3-nacl), with the biobank's key, gets the exact input.
		const raw = join(root, 'input.txt.c4gh');
		await writeFile(raw, stored.get(`${prefix}input/input.txt.c4gh`)!);
		const read = naclReader<{sha256: string}>(
			['decrypt', biobankKey.privateKeyFile!, raw, join(root, 'nacl-out')],
			'biobank secret',
		);
		t.is(read.sha256, sha256(input));

		const work = join(root, 'analyst', 'work');
		const statusNow = async () => [...(await objectsUnder(`${prefix}HUS/status/`)).keys()];
		await as('stranger', async () => {
			await generateKey({name: 'default', passphrase: undefined});
			await t.throwsAsync(
				sessionOf('stranger').analyst.claim({jobId, biobank: 'HUS', workFolder: join(root, 'x')}),
				{
					message: new RegExp(
						`encrypted to the key ${biobankKey.fingerprint.replace(/[+/]/gu, '.')}.*Nothing was claimed`,
						'u',
					),
				},
			);
		});
		const analyst = sessionOf('analyst');
		const claimed = await as('analyst', async () => {
			await t.throwsAsync(analyst.analyst.claim({jobId, biobank: 'HUS', workFolder: work}), {
				message: /protected by a passphrase: set C4GH_PASSPHRASE/u,
			});
			t.deepEqual(await statusNow(), [`${prefix}HUS/status/submitted`], 'nothing claimed yet');
			const passphrase = async () => new Secret('biobank secret');
			const first = await analyst.analyst.claim({
				jobId,
				biobank: 'HUS',
				workFolder: work,
				passphrase,
			});
			t.deepEqual((await readdir(first.jobFolder)).sort(), ['README.txt', 'input.txt', 'tool.sif']);
			t.is(await readFile(join(first.jobFolder, 'input.txt'), 'utf8'), input);
			t.is(sha256(await readFile(join(first.jobFolder, 'tool.sif'))), sha256(container));
			t.is(((await stat(join(first.jobFolder, 'tool.sif'))).mode & 0o777).toString(8), '600');
			t.deepEqual(
				first.files.map((file) => [file.relative, file.encrypted, file.result.sha256]),
				[
					['input.txt', true, sha256(input)],
					['tool.sif', true, sha256(container)],
					['README.txt', false, sha256('run tool.sif on input.txt\n')],
				],
			);
			// A download stopped halfway goes on, and a damaged or missing plaintext is made again.
			await rm(join(first.jobFolder, 'tool.sif'));
			await writeFile(join(first.jobFolder, 'input.txt'), 'not what was sent\n');
			const stop = new AbortController();
			let stoppedAt = 0;
			const stopped = await analyst.analyst
				.claim({
					jobId,
					biobank: 'HUS',
					workFolder: work,
					passphrase,
					signal: stop.signal,
					onProgress: ({files: [, sif]}) => {
						if (sif?.state !== 'running' || sif.done === 0 || sif.done >= (sif.total ?? 0)) return;
						stoppedAt ||= sif.done;
						stop.abort();
					},
				})
				.then(
					() => 'finished',
					(error: Error) => error.name,
				);
			t.is(stopped, stoppedAt > 0 ? 'AbortError' : 'finished');
			t.log(`stopped tool.sif.c4gh after ${stoppedAt} bytes`);
			const stoppedWith = await readdir(first.jobFolder);
			if (stoppedAt > 0)
				t.false(stoppedWith.includes('tool.sif'), 'nothing half-written under its name');
			t.deepEqual(
				stoppedWith.filter((name) => name.includes('.c4gh')),
				[],
				'decrypted on the fly: no ciphertext on disk',
			);
			await rm(join(first.jobFolder, 'input.txt'));
			const again = await analyst.analyst.claim({
				jobId,
				biobank: 'HUS',
				workFolder: work,
				passphrase,
			});
			t.true(again.claim.already);
			if (stoppedAt > 0) t.true(again.files[1]!.result.resumedBytes > 0, 'the download went on');
			t.is(await readFile(join(first.jobFolder, 'input.txt'), 'utf8'), input);
			t.is(sha256(await readFile(join(first.jobFolder, 'tool.sif'))), sha256(container));
			t.deepEqual((await readdir(first.jobFolder)).sort(), ['README.txt', 'input.txt', 'tool.sif']);
			await analyst.analyst.claim({
				jobId,
				biobank: 'HUS',
				workFolder: work,
				passphrase,
				keepEncrypted: true,
			});
			t.deepEqual(
				(await readdir(first.jobFolder)).sort(),
				['README.txt', 'input.txt', 'input.txt.c4gh', 'tool.sif', 'tool.sif.c4gh'],
				'--keep-encrypted',
			);
			return first;
		});

		const secretLine = `IID ${randomBytes(6).toString('hex')} 0.123`;
		const delivered = await as('analyst', async () => {
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
		const results = await objectsUnder(`${prefix}HUS/results/`);
		t.deepEqual([...results.keys()], [`${prefix}HUS/results/scores.txt.c4gh`]);
		t.false(results.get(`${prefix}HUS/results/scores.txt.c4gh`)!.includes(Buffer.from(secretLine)));

		const requester = sessionOf('requester');
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
	'a target biobank without a published key: the inputs go as they are, and the requester is told first',
	async (t) => {
		const input = 'for a biobank on the Python tools\n';
		const container = randomBytes(1000);
		const mixed = await as('requester', async () =>
			submit('requester', ['HUS', 'FIMM'], {input, container}),
		);
		t.deepEqual(mixed.told[0], 'encryption');
		t.like(mixed.encryption, {kind: 'plain', withoutKey: ['FIMM']});
		t.regex(
			mixed.encryption.kind === 'plain' ? mixed.encryption.reason : '',
			/^FIMM has published no Crypt4GH key \(HUS has one\), .*: the inputs are uploaded unencrypted/u,
		);
		const prefix = `jobs/requester/${mixed.jobId}/`;
		const stored = await objectsUnder(prefix);
		t.is(stored.get(`${prefix}input/input.txt`)?.toString('utf8'), input);
		t.false(stored.get(`${prefix}FIMM/task.json`)!.toString('utf8').includes('encryption'));

		const asked = await as('requester', async () =>
			submit('requester', ['HUS'], {input, container}, {plainInputs: true}),
		);
		t.like(asked.encryption, {kind: 'plain', withoutKey: []});
		t.true((await objectsUnder(`jobs/requester/${asked.jobId}/input/input.txt`)).size === 1);

		// A biobank key that is not the one this requester used before: refused before any upload.
		await as('wary', async () => {
			await new KnownKeys().trust('biobank HUS', publicKeyOf(newSecretKey()));
			await t.throwsAsync(submit('wary', ['HUS'], {input, container}), {
				instanceOf: KeyChanged,
				message: /ivjm keys trust --biobank HUS$/u,
			});
		});
		t.is((await objectsUnder('jobs/wary/')).size, 0);
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
