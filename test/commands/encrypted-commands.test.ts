/**
 * Encrypted inputs through the built program, as scripts run it against the real Swift and
 * Keystone: the analyst publishes the biobank's key, `ivjm submit` encrypts the inputs to it
 * (and says so), `ivjm claim` decrypts them into the job folder with the passphrase from
 * C4GH_PASSPHRASE; without a key at a target, or with --plain-inputs, the inputs go as they are
 * and stderr says why. Each person has their own home (keys, known keys).
 */
import {createHash, randomBytes} from 'node:crypto';
import {mkdir, readdir, readFile, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {buffer} from 'node:stream/consumers';
import test, {type ExecutionContext} from 'ava';
import {keysDocument} from '../../source/commands/crypt4gh-json-shapes.js';
import {
	claimDocument,
	errorDocument,
	showDocument,
	submitDocument,
} from '../../source/commands/json-shapes.js';
import {testServers} from '../helpers/servers.js';
import {cliHome, keystoneEnvironment, parsedJson} from '../helpers/run-cli.js';
import {keystoneStore, swiftContainer} from '../jobs/analyst/swift.js';

const servers = testServers();
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

async function setup(t: ExecutionContext) {
	const signedIn = keystoneStore('requester');
	t.teardown(async () => signedIn.store.close());
	const bucket = await swiftContainer(t, 'c4gh-commands', signedIn);
	const researcher = await cliHome(t, 'c4gh-researcher');
	const analyst = await cliHome(t, 'c4gh-analyst');
	const as =
		(person: typeof researcher, user: 'requester' | 'analyst') =>
		async (args: string[], env: Record<string, string> = {}) =>
			person.ivjm([...args, '--store', 'swift', '--bucket', bucket], {
				env: {...keystoneEnvironment(servers.keystoneUrl, user), ...env},
			});
	const folder = join(researcher.home, 'files');
	await mkdir(folder, {recursive: true});
	const input = `IID ${randomBytes(6).toString('hex')} AA GT\n`;
	const container = randomBytes(300_000);
	await writeFile(join(folder, 'input.txt'), input);
	await writeFile(join(folder, 'tool.sif'), container);
	await writeFile(join(folder, 'README.txt'), 'Run tool.sif on input.txt.\n');
	const request = async (biobanks: string[]) => {
		const task = join(folder, `request-${biobanks.join('-')}.json`);
		await writeFile(
			task,
			JSON.stringify({
				name: 'encrypted inputs',
				email: 'requester@example.org',
				biobanks,
				analysis: 'other',
				outputs: ['scores.tsv'],
				instructions: join(folder, 'README.txt'),
			}),
		);
		return [
			'--task',
			task,
			'--input',
			join(folder, 'input.txt'),
			'--input',
			join(folder, 'tool.sif'),
		];
	};
	/** Every object of a job, read back directly. */
	const objectsOf = async (jobId: string) => {
		const found = new Map<string, Buffer>();
		for await (const entry of signedIn.store.list(bucket, {prefix: `jobs/requester/${jobId}/`})) {
			if (entry.kind !== 'object') continue;
			const {body} = await signedIn.store.get({container: bucket, key: entry.key});
			found.set(entry.key, await buffer(body));
		}
		return found;
	};
	return {
		input,
		container,
		request,
		objectsOf,
		work: join(analyst.home, 'work'),
		requester: as(researcher, 'requester'),
		analyst: as(analyst, 'analyst'),
	};
}

test('ivjm submit encrypts the inputs to the published key of the biobank, ivjm claim decrypts them', async (t) => {
	const {input, container, request, objectsOf, work, requester, analyst} = await setup(t);
	const biobankEnv = {C4GH_PASSPHRASE: 'biobank secret'};
	const made = await analyst(['keys', 'generate', '--json'], biobankEnv);
	t.is(made.code, 0, made.stderr);
	const biobankKey = parsedJson(t, made, keysDocument).key!;
	const published = await analyst(['keys', 'publish', '--biobank', 'HUS']);
	t.is(published.code, 0, published.stderr);

	const submitted = await requester(['submit', ...(await request(['HUS'])), '--json']);
	t.is(submitted.code, 0, submitted.stderr);
	t.regex(
		submitted.stderr,
		new RegExp(
			`^Inputs encrypted \\(Crypt4GH\\) to the published keys of HUS SHA256:\\S+ \\(first use, recorded\\)\\.$`,
			'mu',
		),
	);
	const document = parsedJson(t, submitted, submitDocument);
	t.deepEqual(document.encryption, {
		encrypted: true,
		recipients: [{biobank: 'HUS', fingerprint: biobankKey.fingerprint}],
		reason: null,
	});
	t.deepEqual(
		document.uploads.map((key) => key.slice(key.lastIndexOf('/') + 1)),
		['input.txt.c4gh', 'tool.sif.c4gh', 'README.txt'],
	);
	for (const [key, body] of await objectsOf(document.id)) {
		t.false(body.includes(input.slice(0, 16)), `no plaintext of input.txt in ${key}`);
		t.false(
			body.includes(container.subarray(100_000, 100_064)),
			`no plaintext of tool.sif in ${key}`,
		);
	}
	const shown = await requester(['show', document.id, '--json']);
	t.deepEqual(
		parsedJson(t, shown, showDocument).job.task?.inputs.map((item) => item.path),
		['input.txt.c4gh', 'tool.sif.c4gh'],
	);

	// No terminal and no C4GH_PASSPHRASE: refused before the claim, and the job stays free.
	const locked = await analyst(['claim', document.id, '--biobank', 'HUS', '--dir', work, '--json']);
	t.is(locked.code, 1, locked.stdout);
	t.regex(parsedJson(t, locked, errorDocument).error.message, /protected by a passphrase/u);
	const claimed = await analyst(
		['claim', document.id, '--biobank', 'HUS', '--dir', work, '--json'],
		biobankEnv,
	);
	t.is(claimed.code, 0, claimed.stderr);
	const claim = parsedJson(t, claimed, claimDocument);
	t.false(claim.already);
	t.deepEqual(
		claim.files.map((file) => [file.path, file.decrypted, file.sha256]),
		[
			['input.txt', true, sha256(Buffer.from(input))],
			['tool.sif', true, sha256(container)],
			['README.txt', false, sha256(Buffer.from('Run tool.sif on input.txt.\n'))],
		],
	);
	t.deepEqual((await readdir(claim.folder)).sort(), ['README.txt', 'input.txt', 'tool.sif']);
	t.is(await readFile(join(claim.folder, 'input.txt'), 'utf8'), input);
});

test('ivjm submit says before uploading that a biobank without a key, or --plain-inputs, sends the inputs as they are', async (t) => {
	const {input, request, objectsOf, requester, analyst} = await setup(t);
	t.is((await analyst(['keys', 'generate', '--nocrypt'])).code, 0);
	t.is((await analyst(['keys', 'publish', '--biobank', 'HUS'])).code, 0);

	const mixed = await requester(['submit', ...(await request(['HUS', 'FIMM'])), '--json']);
	t.is(mixed.code, 0, mixed.stderr);
	t.regex(
		mixed.stderr,
		/^Inputs not encrypted: FIMM has published no Crypt4GH key \(HUS has one\), and a biobank still on the Python tools cannot decrypt: the inputs are uploaded unencrypted, readable by every member of the project\.$/mu,
	);
	const plain = parsedJson(t, mixed, submitDocument);
	t.like(plain.encryption, {encrypted: false, recipients: []});
	const stored = await objectsOf(plain.id);
	t.is(stored.get(`jobs/requester/${plain.id}/input/input.txt`)?.toString('utf8'), input);

	const asked = await requester(['submit', ...(await request(['HUS'])), '--plain-inputs']);
	t.is(asked.code, 0, asked.stderr);
	t.regex(
		asked.stderr,
		/^Inputs not encrypted: the inputs are uploaded unencrypted, as asked \(--plain-inputs\)\.$/mu,
	);
});
