import test from 'ava';
import {createHash, randomBytes} from 'node:crypto';
import {mkdir, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {segmentsContainer} from '../../source/protocol/keys.js';
import {createKeystoneV3Auth, createSwiftStore} from '../../source/storage/swift/index.js';
import {removeContainer, testServers, uniqueContainer} from '../helpers/servers.js';
import {Terminal} from './terminal.js';

const servers = testServers();
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

test.serial(
	'shrinking the terminal to 60x20 and back loses nothing: a 200 MB upload completes and verifies, a half-filled form is intact',
	async (t) => {
		const auth = createKeystoneV3Auth({
			authUrl: servers.keystoneUrl,
			username: 'requester',
			password: 'requesterpass',
			project: {name: 'project_2004504'},
		});
		const store = createSwiftStore({auth});
		const bucket = uniqueContainer('e2e-resize');
		await store.createContainer(bucket);
		t.teardown(async () => {
			const session = await auth.getSession();
			await removeContainer(store, session, bucket);
			await removeContainer(store, session, segmentsContainer(bucket));
			await store.close();
		});

		const terminal = await Terminal.open({
			env: {
				OS_AUTH_URL: servers.keystoneUrl,
				OS_USERNAME: 'requester',
				OS_PASSWORD: 'requesterpass',
				OS_PROJECT_NAME: 'project_2004504',
				IVJM_KEYRING: 'none',
			},
		});
		t.teardown(() => terminal.close());
		const files = join(terminal.home, 'files');
		await mkdir(files);
		const container = randomBytes(200 * 1024 * 1024);
		await writeFile(join(files, 'big.sif'), container);
		await writeFile(join(files, 'README.txt'), 'Run big.sif.\n');

		await terminal.startIvjm(['--bucket', bucket]);
		await terminal.waitFor('Who are you today?', 60_000);
		await terminal.press('Enter');
		await terminal.waitFor('No jobs yet.');
		await terminal.type('n');
		await terminal.waitFor('Task name');
		await terminal.type('resize check');
		await terminal.press('Enter');
		await terminal.waitFor('Your e-mail');
		await terminal.type('requester@example.org');
		await terminal.press('Enter');
		await terminal.waitFor('Target biobanks');
		await terminal.press('Space');
		await terminal.waitFor(/\[x\] HUS/u);
		await terminal.press('Enter');
		await terminal.waitFor('Analysis type');
		await terminal.press('Down', 'Down', 'Enter');
		await terminal.waitFor('Input files');
		await terminal.type(join(files, 'big.sif'));
		await terminal.press('Enter');
		await terminal.waitFor(/✔ big\.sif\s+210 MB/u);
		await terminal.press('Enter');
		await terminal.waitFor('Instructions for the analysts');
		await terminal.type(join(files, 'README.txt'));
		await terminal.press('Enter');
		await terminal.waitFor('Expected output file names');
		await terminal.type('result.txt');
		await terminal.press('Enter');
		await terminal.waitFor('Requirements');
		await terminal.press('Enter');
		await terminal.waitFor('Resources');
		await terminal.press('Enter');
		const review = await terminal.waitFor('enter submits');
		const jobId = /as job (\d+-requester)/u.exec(review)?.[1] ?? '';
		await terminal.press('Enter');
		const running = await terminal.waitFor(/big\.sif\s+[█░]+\s+\d+%/u);
		t.notRegex(running, /Submitted\./u);

		await terminal.resize(60, 20);
		const small = await terminal.waitFor('Terminal too small');
		t.regex(small, /this one is 60×20/u);
		t.notRegex(small, /big\.sif/u, 'only the notice shows');
		await terminal.resize(80, 24);
		await terminal.waitFor(/big\.sif\s+[█░]+/u);
		const submitted = await terminal.waitFor('Submitted.', 180_000);
		t.regex(submitted, /big\.sif\s+█+ 100% 210 MB \/ 210 MB/u);
		const stored = await store.get({
			container: bucket,
			key: `jobs/requester/${jobId}/input/big.sif`,
		});
		const chunks: Buffer[] = [];
		for await (const chunk of stored.body) chunks.push(chunk as Buffer);
		t.is(sha256(Buffer.concat(chunks)), sha256(container), 'stored byte for byte');

		// A form half filled in: the name given, the e-mail being typed.
		await terminal.press('Enter');
		await terminal.waitFor(/HUS\s+waiting/u);
		await terminal.press('Escape');
		await terminal.waitFor(/resize check.*waiting/u);
		await terminal.type('n');
		await terminal.waitFor('Task name');
		await terminal.type('half done');
		await terminal.press('Enter');
		await terminal.waitFor('Your e-mail');
		await terminal.type('someone@exam');
		await terminal.waitFor('someone@exam');
		await terminal.resize(60, 20);
		await terminal.waitFor('Terminal too small');
		await terminal.resize(80, 24);
		const back = await terminal.waitFor(/Your e-mail/u);
		t.regex(back, /someone@exam/u, 'the field keeps what was typed');
		await terminal.type('ple.org');
		await terminal.waitFor('someone@example.org');
		await terminal.press('Escape');
		const first = await terminal.waitFor('Task name');
		t.regex(first, /half done/u, 'the step before keeps its answer');
		// Quitting would lose it: asked first, and no keeps the form.
		await terminal.press('C-c');
		await terminal.waitFor('Discard this request? y/n');
		await terminal.type('n');
		const kept = await terminal.waitForGone('Discard this request?');
		t.regex(kept, /half done/u);
		await terminal.press('C-c');
		await terminal.waitFor('Discard this request? y/n');
		await terminal.type('y');
		await terminal.waitForPrompt();
	},
);
