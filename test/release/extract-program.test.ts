import {createHash} from 'node:crypto';
import {mkdtemp, readFile, readdir, rm, stat, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import test from 'ava';
import {extractProgram, type ProgramManifest} from '../../source/release/extract-program.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function program(files: Record<string, string>, build = '0.1.0-abc') {
	const manifest: ProgramManifest = {
		build,
		files: Object.entries(files).map(([path, text]) => ({path, mode: 0o644, sha256: sha256(text)})),
	};
	const read = (path: string) => {
		const bytes = Buffer.from(files[path] ?? '');
		return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length);
	};
	return {manifest, read};
}

async function cacheRoot(t: {teardown: (f: () => Promise<void>) => void}) {
	const folder = await mkdtemp(join(tmpdir(), 'ivjm-extract-'));
	t.teardown(async () => rm(folder, {recursive: true, force: true}));
	return join(folder, 'ivjm');
}

test('the files are written once into a private folder named after the build', async (t) => {
	const root = await cacheRoot(t);
	const {manifest, read} = program({'dist/cli.js': 'export {};', 'package.json': '{}'});
	const folder = extractProgram(root, manifest, read);
	t.is(folder, join(root, 'program-0.1.0-abc'));
	t.is(await readFile(join(folder, 'dist', 'cli.js'), 'utf8'), 'export {};');
	t.is(((await stat(folder)).mode & 0o777).toString(8), '700');
	t.is(((await stat(join(folder, 'dist'))).mode & 0o777).toString(8), '700');
	t.is(((await stat(join(folder, 'package.json'))).mode & 0o777).toString(8), '600');
	// A second start finds the folder complete and reads no asset.
	t.is(
		extractProgram(root, manifest, () => {
			throw new Error('read again');
		}),
		folder,
	);
	t.deepEqual(await readdir(root), ['program-0.1.0-abc']);
});

test('a damaged asset stops the start, and nothing is left under the final name', async (t) => {
	const root = await cacheRoot(t);
	const {manifest, read} = program({'dist/cli.js': 'export {};'});
	const damaged = () => Buffer.from('export {evil};').buffer;
	t.throws(() => extractProgram(root, manifest, damaged), {
		message: /damaged: dist\/cli\.js does not match its checksum/u,
	});
	t.deepEqual(await readdir(root), []);
	t.is(extractProgram(root, manifest, read), join(root, 'program-0.1.0-abc'));
});

test('a file named outside the folder is refused', async (t) => {
	const root = await cacheRoot(t);
	const {manifest, read} = program({'../escaped.js': 'x'});
	t.throws(() => extractProgram(root, manifest, read), {message: /outside its folder/u});
	t.deepEqual(await readdir(join(root, '..')), ['ivjm']);
});

test('a folder under the final name without its completion mark is replaced, not run', async (t) => {
	const root = await cacheRoot(t);
	const {manifest, read} = program({'dist/cli.js': 'export {};'});
	const folder = extractProgram(root, manifest, read);
	await rm(join(folder, '.complete'));
	await writeFile(join(folder, 'dist', 'cli.js'), 'half');
	t.is(extractProgram(root, manifest, read), folder);
	t.is(await readFile(join(folder, 'dist', 'cli.js'), 'utf8'), 'export {};');
	t.deepEqual(await readdir(root), ['program-0.1.0-abc']);
});
