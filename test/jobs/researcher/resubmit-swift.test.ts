import {createHash, randomBytes} from 'node:crypto';
import {mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {text} from 'node:stream/consumers';
import test from 'ava';
import {resubmitDocument} from '../../../source/commands/watch-json-shapes.js';
import {giveUpJob} from '../../../source/jobs/analyst/give-up-job.js';
import {systemClock} from '../../../source/jobs/clock.js';
import {prepareSubmit, submitJob} from '../../../source/jobs/researcher/submit-job.js';
import {builtInCatalogue, findAnalysisType} from '../../../source/protocol/catalogue.js';
import {segmentsContainer, taskKey} from '../../../source/protocol/keys.js';
import {downloadObject} from '../../../source/transfer/download-object.js';
import {uploadFile} from '../../../source/transfer/upload-file.js';
import {cliHome, parsedJson} from '../../helpers/run-cli.js';
import {removeContainer} from '../../helpers/servers.js';
import {swiftContainer, tempauthStore} from '../analyst/swift.js';
import {pythonAnalystStep} from '../../watch/python-analyst.js';
import {startCountingProxy} from './counting-proxy.js';

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
const swift = tempauthStore();
test.after.always(async () => swift.store.close());

// The built program resubmits a declined job on the real Swift, through a proxy that counts
// every byte it sends: the 3 MiB container (a static large object of 4 segments) and the
// instructions are copied inside Swift, not uploaded.
test('ivjm resubmit copies the inputs server-side (counted: none of their bytes sent), names the job it replaces, and the copies verify', async (t) => {
	const bucket = await swiftContainer(t, 'resubmit', swift);
	await swift.store.createContainer(segmentsContainer(bucket));
	t.teardown(async () =>
		removeContainer(swift.store, await swift.auth.getSession(), segmentsContainer(bucket)),
	);
	const folder = await mkdtemp(join(tmpdir(), 'ivjm-resubmit-'));
	t.teardown(() => rm(folder, {recursive: true, force: true}));
	const container = randomBytes(3 * 1024 * 1024 + 77);
	await writeFile(join(folder, 'container.sif'), container);
	await writeFile(join(folder, 'README.txt'), 'Run container.sif.\n');
	const analysis = findAnalysisType(builtInCatalogue, 'other')!;
	const prepared = prepareSubmit(
		{
			user: 'requester',
			name: 'BMI GWAS',
			requestor: 'requester@example.org',
			biobanks: ['HUS', 'FIMM'],
			analysis,
			inputFiles: [{path: join(folder, 'container.sif'), name: 'container.sif'}],
			instructionsFile: {path: join(folder, 'README.txt'), name: 'README.txt'},
			outputs: ['result.txt'],
			requirements: ['singularity'],
			resources: {cpuCores: 1, ramGb: 2, diskGb: 20, timeHours: 1, preemptible: false},
		},
		bucket,
		systemClock,
	);
	const oldJob = await submitJob(
		{
			store: swift.store,
			bucket,
			clock: systemClock,
			pendingFolder: join(folder, 'pending'),
			upload: async (store, ref, path, options) =>
				uploadFile(store, ref, path, {
					...options,
					segmentThreshold: 1024 * 1024,
					segmentSize: 1024 * 1024,
					journalFolder: join(folder, 'journals'),
				}),
		},
		prepared,
	);
	await giveUpJob(swift.store, bucket, systemClock, {
		jobId: oldJob,
		biobank: 'FIMM',
		analyst: 'fimm-analyst',
		marker: 'declined',
		reason: 'Please ask for 8 GB.',
	});

	const session = await swift.auth.getSession();
	const proxy = await startCountingProxy(session.storageUrl);
	t.teardown(() => proxy.close());
	const {ivjm} = await cliHome(t, 'resubmit');
	// A new second: a job id is the submit time.
	await new Promise((resolve) => setTimeout(resolve, 1000));
	const run = await ivjm(['resubmit', oldJob, '--bucket', bucket, '--json'], {
		env: {
			OS_USERNAME: 'requester',
			OS_AUTH_TOKEN: session.token,
			OS_STORAGE_URL: proxy.url(session.storageUrl),
		},
	});
	t.is(run.code, 0, run.stderr);
	const document = parsedJson(t, run, resubmitDocument);
	const sent = proxy.bytesUp();
	t.log(`ivjm resubmit sent ${sent} bytes in all (inputs: ${container.length + 19} bytes)`);
	t.like(document, {replaces: oldJob, biobanks: ['FIMM']});
	t.is(document.copied.length, 2);
	t.true(sent < 100_000, `${sent} bytes went up: the inputs were not uploaded`);

	const newTask = JSON.parse(
		await text((await swift.store.get({container: bucket, key: taskKey(document.id)})).body),
	) as Record<string, unknown>;
	t.is(newTask.replaces, oldJob);
	t.deepEqual(newTask.biobanks, ['FIMM']);
	const newInput = document.copied.find((key) => key.endsWith('container.sif'))!;
	const download = await downloadObject(
		swift.store,
		{container: bucket, key: newInput},
		folder,
		'got.sif',
	);
	t.is(download.verifiedBy, 'sha256');
	t.is(download.sha256, sha256(container));
	t.true((await readFile(join(folder, 'got.sif'))).equals(container));

	// The deployed Python analyst tool reads the new job (and ignores "replaces"): it claims it.
	await pythonAnalystStep('claim', bucket, 'FIMM', document.id);
	const claimed = await swift.store.head({
		container: bucket,
		key: `jobs/requester/${document.id}/FIMM/status/processing`,
	});
	t.true(claimed.bytes > 0);
});
