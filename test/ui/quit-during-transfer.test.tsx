import test from 'ava';
import {mkdtemp, readdir, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {render} from 'ink-testing-library';
import {App} from '../../source/app.js';
import {seedDemo} from '../../source/demo/seed-demo.js';
import {createLocalStore} from '../../source/storage/local/local-store.js';
import {downloadObject} from '../../source/transfer/download-object.js';
import {uploadFile} from '../../source/transfer/upload-file.js';
import type {DownloadObject} from '../../source/transfer/transfer.js';
import {frameMatching, testSession, until} from './render-with-session.js';

const root = await mkdtemp(join(tmpdir(), 'ivjm-quit-'));
const bucket = 'project_2004504-intervene-tasks';
const store = createLocalStore({root: join(root, 'store')});
await seedDemo(store, bucket, Date.UTC(2026, 10, 25, 12, 0, 0));
test.after.always(async () => rm(root, {recursive: true, force: true}));
// The demo job of jdoe that is ready at HUS, HUNT and FIMM.
const readyJob = '1794996000-jdoe';

test('q during a download asks first; n keeps the download going to the end', async (t) => {
	let release: () => void = () => undefined;
	const held = new Promise<void>((resolve) => {
		release = resolve;
	});
	// The real download, held at its start until the test lets it go.
	const download: DownloadObject = async (...call) => {
		await held;
		return downloadObject(...call);
	};
	const downloads = await mkdtemp(join(root, 'downloads-'));
	const session = testSession(store, bucket, 'jdoe', {
		downloadFolder: downloads,
		transfers: {upload: uploadFile, download},
	});
	const {lastFrame, stdin, unmount} = render(
		<App
			session={session}
			initialScreens={[
				{name: 'role'},
				{name: 'researcher'},
				{name: 'download-results', jobId: readyJob},
			]}
		/>,
	);
	t.teardown(unmount);
	await frameMatching(lastFrame, /Results of 1794996000-jdoe/u);
	stdin.write('q');
	const asked = await frameMatching(lastFrame, /is still running\. Quit now\?/u);
	t.regex(asked, /The download of the results of 1794996000-jdoe/u);
	t.regex(asked, /Proceed\? y \/ n/u);
	stdin.write('n');
	await until(() => !/Quit now\?/u.test(lastFrame() ?? ''));
	t.notRegex(lastFrame() ?? '', /Quit now\?/u);
	t.regex(lastFrame() ?? '', /Downloading and verifying/u, 'still downloading');
	release();
	await frameMatching(lastFrame, /enter/u);
	const folders = await readdir(join(downloads, readyJob));
	t.deepEqual(folders.sort(), ['FIMM', 'HUNT', 'HUS']);
	// Nothing runs any more: q would now quit without asking (the app unmounts, no question).
	stdin.write('q');
	await new Promise((resolve) => setTimeout(resolve, 200));
	t.notRegex(lastFrame() ?? '', /Quit now\?/u);
});

test('? during a download shows help without stopping the download under it', async (t) => {
	let release: () => void = () => undefined;
	const held = new Promise<void>((resolve) => {
		release = resolve;
	});
	let finished = 0;
	const download: DownloadObject = async (...call) => {
		await held;
		const result = await downloadObject(...call);
		finished++;
		return result;
	};
	const session = testSession(store, bucket, 'jdoe', {
		downloadFolder: await mkdtemp(join(root, 'downloads-')),
		transfers: {upload: uploadFile, download},
	});
	const {lastFrame, stdin, unmount} = render(
		<App
			session={session}
			initialScreens={[{name: 'role'}, {name: 'download-results', jobId: readyJob}]}
		/>,
	);
	t.teardown(unmount);
	await frameMatching(lastFrame, /Results of 1794996000-jdoe/u);
	stdin.write('?');
	const help = await frameMatching(lastFrame, /esc close/u);
	// Help lists the keys of the mode it was opened over: stopping the download.
	t.regex(help, /results\n\s+esc\s+stop; doing it again resumes/u);
	release();
	const deadline = Date.now() + 10_000;
	while (finished < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
	t.is(finished, 3, 'every result arrived while help was open');
	stdin.write('\u001B');
	await frameMatching(lastFrame, /Results of 1794996000-jdoe/u);
});
