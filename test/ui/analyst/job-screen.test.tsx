import {mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import test from 'ava';
import {loadInboxJob} from '../../../source/jobs/analyst/load-inbox.js';
import {AnalystJobScreen} from '../../../source/ui/screens/analyst/job-screen.js';
import {writeMarker} from '../../../source/jobs/write-marker.js';
import {fixtureText} from '../../protocol/fixture.js';
import {bucket, caches, clockAt, localStore, seedJob, seedRawJob} from '../../jobs/analyst/seed.js';
import {analystSession, frameWhen, keys, renderAnalyst, settle} from './render-analyst.js';

async function jobScreen(
	t: Parameters<typeof localStore>[0],
	jobId: string,
	store: Awaited<ReturnType<typeof localStore>>['store'],
) {
	const work = await mkdtemp(join(tmpdir(), 'ivjm-work-'));
	t.teardown(() => rm(work, {recursive: true, force: true}));
	const screen = renderAnalyst(
		analystSession(store),
		<AnalystJobScreen biobank="HUS" jobId={jobId} navigate={() => undefined} isActive />,
		work,
	);
	t.teardown(() => screen.unmount());
	return {screen, work};
}

test('the job view shows what runs, what it reads and what it must return', async (t) => {
	const {store} = await localStore(t);
	const jobId = await seedJob(store, {
		seconds: 1_700_000_000,
		name: 'Height PGS',
		biobanks: ['HUS'],
		inputs: {'input1.txt': 'small input\n', 'tool.sif': 'container bytes'},
		outputs: ['result.txt', 'qc.html'],
	});
	const {screen, work} = await jobScreen(t, jobId, store);
	const frame = await frameWhen(screen.lastFrame, (text) => text.includes('What it must return'));
	t.regex(frame, /^Height PGS 1700000000-requester$/m);
	t.regex(
		frame,
		/^Status at HUS: ○ waiting · waiting for an analyst: c claims it and downloads it$/m,
	);
	t.regex(frame, new RegExp(`^Work folder ${work}/${jobId}$`, 'm'));
	t.regex(frame, /^ {2}Requirements {2}singularity$/m);
	t.regex(frame, /^ {2}Resources {5}1 CPU cores · 2 GB RAM · 20 GB disk · 1 h$/m);
	t.regex(
		frame,
		/^ {2}Instructions {2}README_instructions\.txt\s+33 B {2}uploaded {2}\(i to read\)$/m,
	);
	t.regex(frame, /^What it reads: 2 files, 27 B$/m);
	t.regex(frame, /^ {2}input1\.txt\s+12 B {2}uploaded$/m);
	t.regex(frame, /^ {2}tool\.sif\s+15 B {2}uploaded$/m);
	t.regex(frame, /^ {2}\.\/result\.txt\s+→ results\/result\.txt$/m);
	t.regex(frame, /^ {2}\.\/qc\.html\s+→ results\/qc\.html$/m);
	t.regex(frame, /^ {2}\.\/result\.txt\s+→ results\/result\.txt$/m);
	t.regex(frame, /^ {2}\.\/qc\.html\s+→ results\/qc\.html$/m);
});

test('a malformed task.json shows its problems in the view, and the job cannot be claimed', async (t) => {
	const {store} = await localStore(t);
	const jobId = '1700000100-mallory';
	const task = JSON.parse(
		fixtureText('jobs/requester/1795597505-requester/HUS/task.json'),
	) as Record<string, unknown>;
	task.ID = jobId;
	task['csc-user'] = 'mallory';
	task.resources = {cpuCores: 'lots'};
	task.inputs = [{name: 'x', bucket, object: 'a', path: '/etc/passwd'}];
	await seedRawJob(store, {jobId, taskText: JSON.stringify(task)});
	const {screen} = await jobScreen(t, jobId, store);
	let frame = await frameWhen(screen.lastFrame, (text) => text.includes('cannot be run as it is'));
	t.regex(
		frame,
		/• inputs\[0\]\.path: The path is absolute: it must be relative to the job folder\./,
	);
	t.regex(frame, /• resources\.cpuCores: /);
	await settle();
	screen.stdin.write('c');
	frame = await frameWhen(screen.lastFrame, (text) => text.includes('flash:'));
	t.regex(frame, /flash: c: its task is broken \(see below\); decline it with x and a reason/);
	t.is((await loadInboxJob(store, bucket, 'HUS', jobId, caches())).status, 'waiting');
});

test('c, then y, claims the job and downloads it into the work folder', async (t) => {
	const {store} = await localStore(t);
	const jobId = await seedJob(store, {seconds: 1_700_000_000, biobanks: ['HUS']});
	const {screen, work} = await jobScreen(t, jobId, store);
	await frameWhen(screen.lastFrame, (text) => text.includes('What it reads'));
	await settle();
	screen.stdin.write('c');
	let frame = await frameWhen(screen.lastFrame, (text) => text.includes('Proceed? y / n'));
	t.regex(
		frame.replaceAll(/[│\n ]+/g, ' '),
		new RegExp(
			`Claim ${jobId} for HUS as lvirtanen, and download 2 files \\(45 B\\) into ${work}/${jobId}\\?`,
		),
	);
	await settle();
	screen.stdin.write('y');
	frame = await frameWhen(screen.lastFrame, (text) => text.includes('Claimed.'), 10_000);
	t.regex(frame, /Claimed\. 2 files \(45 B\) verified in/);
	t.is(await readFile(join(work, jobId, 'input1.txt'), 'utf8'), 'small input\n');
	frame = await frameWhen(screen.lastFrame, (text) => text.includes('claimed by you'));
	t.regex(frame, /Status at HUS: ◐ processing · claimed by you since /);
});

test('x asks for a reason and declines the job with it', async (t) => {
	const {store} = await localStore(t);
	const jobId = await seedJob(store, {seconds: 1_700_000_000, biobanks: ['HUS']});
	const {screen} = await jobScreen(t, jobId, store);
	await frameWhen(screen.lastFrame, (text) => text.includes('What it reads'));
	await settle();
	screen.stdin.write('x');
	await frameWhen(screen.lastFrame, (text) => text.includes('why? The requester reads this.'));
	await settle();
	screen.stdin.write('BMI is not collected at HUS');
	await settle();
	screen.stdin.write(keys.enter);
	const frame = await frameWhen(screen.lastFrame, (text) => text.includes('Reason: BMI'));
	t.regex(
		frame,
		/Status at HUS: ⊘ declined · declined by you at .*\nReason: BMI is not collected at HUS/,
	);
});

test('u lists the declared outputs against the job folder before anything is uploaded', async (t) => {
	const {store} = await localStore(t);
	const jobId = await seedJob(store, {
		seconds: 1_700_000_000,
		biobanks: ['HUS'],
		outputs: ['result.txt', 'qc.html'],
	});
	const {screen, work} = await jobScreen(t, jobId, store);
	await frameWhen(screen.lastFrame, (text) => text.includes('What it reads'));
	await settle();
	screen.stdin.write('c');
	await frameWhen(screen.lastFrame, (text) => text.includes('Proceed?'));
	await settle();
	screen.stdin.write('y');
	await frameWhen(screen.lastFrame, (text) => text.includes('claimed by you'), 10_000);
	await writeFile(join(work, jobId, 'result.txt'), 'forty-two\n');
	await writeFile(join(work, jobId, 'notes.txt'), 'mine\n');
	await settle();
	screen.stdin.write('u');
	const frame = await frameWhen(screen.lastFrame, (text) => text.includes('Declared outputs'));
	t.regex(frame, /✔ result\.txt\s+10 B {2}\d{4}-\d\d-\d\d \d\d:\d\d/);
	t.regex(frame, /✘ qc\.html\s+missing/);
	t.regex(frame, /❯ \[ \] notes\.txt\s+5 B/);
	t.regex(frame, /Missing: qc\.html\. Put them in the job folder, then r\./);
});

test("a job taken up again after a failure says so, with the failure's reason, as history", async (t) => {
	const {store} = await localStore(t);
	const jobId = await seedJob(store, {seconds: 1_700_000_000, biobanks: ['HUS']});
	for (const [marker, by, seconds] of [
		['failed', 'kmakinen', 1_700_000_100],
		['processing', 'lvirtanen', 1_700_000_200],
	] as const) {
		await writeMarker(store, bucket, clockAt(seconds * 1000), {
			jobId,
			biobank: 'HUS',
			marker,
			by,
			reason: marker === 'failed' ? 'out of memory at 2 GB' : undefined,
		});
	}
	const {screen} = await jobScreen(t, jobId, store);
	const frame = await frameWhen(screen.lastFrame, (text) => text.includes('Status at HUS'));
	t.regex(frame, /Status at HUS: ◐ processing · claimed by you since .* \(failed earlier\)$/m);
	t.regex(frame, /^Failed earlier by kmakinen at .*: out of memory at 2 GB$/m);
});
