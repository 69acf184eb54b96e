/**
 * The single executable (Node's single executable applications): a copy of this Node with a
 * blob injected that holds source/release/launcher.ts as its script and every file of the
 * staged package as an asset. The launcher writes those files out once per build and runs them
 * (see launcher.ts for why Node 20 needs that step).
 */
import {execFileSync} from 'node:child_process';
import {createHash} from 'node:crypto';
import {chmod, copyFile, mkdir, readFile, readdir, rm, stat, writeFile} from 'node:fs/promises';
import {join, relative} from 'node:path';
import {build} from 'esbuild';
import type {ProgramManifest} from '../source/release/extract-program.js';
import {manifestAsset} from '../source/release/extract-program.js';

// The fuse Node's binary carries for this purpose, as Node's documentation gives it.
const seaFuse = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';

async function* filesUnder(folder: string): AsyncGenerator<string> {
	for (const entry of await readdir(folder, {withFileTypes: true})) {
		const path = join(folder, entry.name);
		if (entry.isDirectory()) yield* filesUnder(path);
		else if (entry.isFile()) yield path;
	}
}

/** Builds `output` from the package staged in `stage`; `work` is a scratch folder. */
export async function buildSingleExecutable(
	root: string,
	stage: string,
	work: string,
	output: string,
	version: string,
): Promise<void> {
	await rm(work, {recursive: true, force: true});
	await mkdir(work, {recursive: true});
	// The launcher imports the program through a file on disk (see launcher.ts).
	const enter = join(work, 'enter.cjs');
	await writeFile(enter, 'module.exports = (url) => import(url);\n');

	const assets: Record<string, string> = {};
	const files: ProgramManifest['files'] = [];
	const sources = [enter, ...(await collect(stage))];
	for (const source of sources) {
		const path = source === enter ? 'enter.cjs' : relative(stage, source);
		const bytes = await readFile(source);
		const mode = (await stat(source)).mode & 0o777;
		files.push({
			path,
			mode: mode | 0o600,
			sha256: createHash('sha256').update(bytes).digest('hex'),
		});
		assets[path] = source;
	}
	const digest = createHash('sha256');
	for (const file of files) digest.update(`${file.path}\0${file.sha256}\0`);
	const manifest: ProgramManifest = {
		build: `${version}-${digest.digest('hex').slice(0, 12)}`,
		files,
	};
	const manifestPath = join(work, manifestAsset);
	await writeFile(manifestPath, JSON.stringify(manifest));
	assets[manifestAsset] = manifestPath;

	const launcher = join(work, 'launcher.cjs');
	await build({
		absWorkingDir: root,
		entryPoints: ['source/release/launcher.ts'],
		outfile: launcher,
		bundle: true,
		format: 'cjs',
		platform: 'node',
		target: 'node20',
		logLevel: 'warning',
	});
	const blob = join(work, 'sea.blob');
	const config = join(work, 'sea-config.json');
	await writeFile(
		config,
		JSON.stringify({main: launcher, output: blob, disableExperimentalSEAWarning: true, assets}),
	);
	execFileSync(process.execPath, ['--experimental-sea-config', config], {stdio: 'ignore'});
	await copyFile(process.execPath, output);
	await chmod(output, 0o755);
	execFileSync(
		join(root, 'node_modules', '.bin', 'postject'),
		[output, 'NODE_SEA_BLOB', blob, '--sentinel-fuse', seaFuse],
		{stdio: 'ignore'},
	);
}

async function collect(folder: string): Promise<string[]> {
	const found: string[] = [];
	for await (const path of filesUnder(folder)) found.push(path);
	return found.sort();
}
