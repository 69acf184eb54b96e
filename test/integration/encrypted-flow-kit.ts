/**
 * What the encrypted job flow tests share: one bucket on the real Swift (tempauth), a session per
 * person with its own folders, and `as(user, …)` to run code with that person's XDG folders
 * (keys, known keys, journals), as on two machines.
 */
import {mkdir, mkdtemp, rm, writeFile} from 'node:fs/promises';
import type {InputEncryption} from '../../source/jobs/input-encryption.js';
import {builtInCatalogue, findAnalysisType} from '../../source/protocol/catalogue.js';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {buffer} from 'node:stream/consumers';
import {systemClock} from '../../source/jobs/clock.js';
import {TaskCache} from '../../source/jobs/task-cache.js';
import {assembleSession} from '../../source/session/session.js';
import {downloadObject, uploadFile} from '../../source/transfer/index.js';
import {removeContainer, uniqueContainer} from '../helpers/servers.js';
import {tempauthStore} from '../jobs/analyst/swift.js';

const other = findAnalysisType(builtInCatalogue, 'other')!;

export async function encryptedFlow(label: string) {
	const {store, auth} = tempauthStore();
	const bucket = uniqueContainer(label);
	const root = await mkdtemp(join(tmpdir(), `ivjm-${label}-`));
	await store.createContainer(bucket);

	const sessionOf = (user: string) =>
		assembleSession({
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

	/** Runs `work` as `user`: their own XDG folders (keys, known keys, journals). */
	const as = async <T>(user: string, work: () => Promise<T>): Promise<T> => {
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
	};

	/** Every object under `prefix`, read back directly from Swift. */
	const objectsUnder = async (prefix: string): Promise<Map<string, Buffer>> => {
		const found = new Map<string, Buffer>();
		for await (const entry of store.list(bucket, {prefix})) {
			if (entry.kind !== 'object') continue;
			found.set(
				entry.key,
				await buffer((await store.get({container: bucket, key: entry.key})).body),
			);
		}
		return found;
	};

	/** Submits `other` with `input.txt`, `tool.sif` and `README.txt` as `user`; what it was told, in order. */
	const submit = async (
		user: string,
		biobanks: string[],
		files: {input: string; container: Buffer},
		options: {plainInputs?: boolean} = {},
	) => {
		const folder = join(root, user, 'files');
		await mkdir(folder, {recursive: true});
		await writeFile(join(folder, 'input.txt'), files.input);
		await writeFile(join(folder, 'tool.sif'), files.container);
		await writeFile(join(folder, 'README.txt'), 'run tool.sif on input.txt\n');
		const researcher = sessionOf(user).researcher;
		const prepared = researcher.prepareSubmit({
			user,
			name: 'encrypted job',
			requestor: `${user}@example.org`,
			biobanks,
			analysis: other,
			inputFiles: [
				{path: join(folder, 'input.txt'), name: 'input.txt'},
				{path: join(folder, 'tool.sif'), name: 'tool.sif'},
			],
			instructionsFile: {path: join(folder, 'README.txt'), name: 'README.txt'},
			outputs: ['scores.txt'],
		});
		const told: string[] = [];
		let encryption: InputEncryption | undefined;
		const jobId = await researcher.submit(prepared, {
			...options,
			onInputEncryption: (decided) => {
				encryption = decided;
				told.push('encryption');
			},
			onStep: (step) => told.push(step),
		});
		return {jobId, told, encryption: encryption!};
	};

	const close = async () => {
		await removeContainer(store, await auth.getSession(), bucket);
		await store.close();
		await rm(root, {recursive: true, force: true});
	};
	return {store, bucket, root, sessionOf, as, objectsUnder, submit, close};
}
