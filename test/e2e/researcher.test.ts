import test from 'ava';
import {createHash, randomBytes} from 'node:crypto';
import {mkdir, readFile, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {systemClock} from '../../source/jobs/clock.js';
import {writeMarker} from '../../source/jobs/write-marker.js';
import {segmentsContainer} from '../../source/protocol/keys.js';
import {createKeystoneV3Auth, createSwiftStore} from '../../source/storage/swift/index.js';
import {removeContainer, testServers, uniqueContainer} from '../helpers/servers.js';
import {Terminal} from './terminal.js';

const servers = testServers();
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

test.serial(
	'a researcher signed in to Keystone submits a job with a 50 MB input, sees it wait, then downloads its results',
	async (t) => {
		const auth = createKeystoneV3Auth({
			authUrl: servers.keystoneUrl,
			username: 'requester',
			password: 'requesterpass',
			project: {name: 'project_2004504'},
		});
		const store = createSwiftStore({auth});
		const bucket = uniqueContainer('e2e-researcher');
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
		const container = randomBytes(50 * 1024 * 1024);
		await writeFile(join(files, 'container.sif'), container);
		await writeFile(join(files, 'README.txt'), 'Run container.sif on the phenotype table.\n');

		await terminal.startIvjm(['--bucket', bucket]);
		const picker = await terminal.waitFor('Who are you today?', 60_000);
		t.regex(picker, /project_2004504 · as requester/u);
		await terminal.press('Enter');
		await terminal.waitFor('No jobs yet.');
		await terminal.type('n');
		await terminal.waitFor('Task name');
		await terminal.type('e2e GWAS');
		await terminal.press('Enter');
		await terminal.waitFor('Your e-mail');
		await terminal.type('requester@example.org');
		await terminal.press('Enter');
		await terminal.waitFor('Target biobanks');
		await terminal.press('Space', 'Down', 'Down', 'Down', 'Space');
		await terminal.waitFor(/\[x\] FIMM/u);
		await terminal.press('Enter');
		await terminal.waitFor('Analysis type');
		await terminal.press('Down', 'Down', 'Enter');
		await terminal.waitFor('Input files');
		await terminal.type(join(files, 'container.sif'));
		await terminal.press('Enter');
		await terminal.waitFor(/✔ container\.sif\s+52\.4 MB/u);
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
		t.regex(review, /e2e GWAS → HUS, FIMM as job \d+-requester/u);
		const jobId = /as job (\d+-requester)/u.exec(review)?.[1] ?? '';
		await terminal.press('Enter');
		const bars = await terminal.waitFor(/container\.sif\s+[█░]+/u);
		t.regex(bars, /all inputs/u);
		const submitted = await terminal.waitFor('Submitted.', 120_000);
		t.regex(submitted, /container\.sif\s+█+ 100% 52\.4 MB \/ 52\.4 MB/u);
		await terminal.press('Enter');
		const detail = await terminal.waitFor(/HUS\s+waiting/u);
		t.regex(detail, /FIMM\s+waiting/u);
		await terminal.press('Escape');
		// The table's row, not the job page's title line, which also names the job.
		const table = await terminal.waitFor(/e2e GWAS.*waiting/u);
		t.regex(
			table.split('\n').find((line) => line.includes('e2e GWAS')) ?? '',
			/○\s+·\s+·\s+○\s+·\s+○ waiting/u,
		);

		const results = new Map<string, Buffer>();
		for (const biobank of ['HUS', 'FIMM']) {
			await writeMarker(store, bucket, systemClock, {
				jobId,
				biobank,
				marker: 'processing',
				by: 'analyst',
				createOnly: true,
			});
			results.set(biobank, randomBytes(300_000));
			await store.put(
				{container: bucket, key: `jobs/requester/${jobId}/${biobank}/results/result.txt`},
				results.get(biobank)!,
			);
			await writeMarker(store, bucket, systemClock, {
				jobId,
				biobank,
				marker: 'ready',
				by: 'analyst',
			});
		}
		await terminal.type('r');
		const ready = await terminal.waitFor(/e2e GWAS.*✔ ready/u);
		t.regex(
			ready.split('\n').find((line) => line.includes('e2e GWAS')) ?? '',
			/✔\s+·\s+·\s+✔\s+·\s+✔ ready/u,
		);
		await terminal.type('d');
		await terminal.waitFor('All results are in', 60_000);
		for (const [biobank, body] of results) {
			const downloaded = await readFile(
				join(terminal.home, 'intervene', 'downloads', jobId, biobank, 'result.txt'),
			);
			t.is(sha256(downloaded), sha256(body), `${biobank}'s result arrived byte for byte`);
		}
		const stored = await store.get({
			container: bucket,
			key: `jobs/requester/${jobId}/input/container.sif`,
		});
		const chunks: Buffer[] = [];
		for await (const chunk of stored.body) chunks.push(chunk as Buffer);
		t.is(
			sha256(Buffer.concat(chunks)),
			sha256(container),
			'the uploaded container is stored byte for byte',
		);
		await terminal.press('q');
		await terminal.waitForPrompt();
	},
);
