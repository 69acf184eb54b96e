/**
 * The npm package a secure host installs with no registry in reach: the bundled program, and the
 * native keyring modules already built, inside the tarball as bundled dependencies. Their
 * install scripts and build-time dependencies are left out of the copies: nothing is fetched
 * or compiled on the host, and a module that cannot load there (no libsecret, another
 * platform) is skipped by ivjm's keyring choice like any other.
 */
import {cp, mkdir, readFile, rm, stat, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {bundleProgram} from './bundle.js';

type PackageJson = Record<string, unknown> & {name: string; version: string};

/** The native modules shipped, and the files of each that are needed at run time. */
const nativeModules: Array<{name: string; files: string[]}> = [
	{name: 'keytar', files: ['package.json', 'LICENSE.md', 'lib', 'build/Release/keytar.node']},
	{name: '@napi-rs/keyring', files: ['package.json', 'LICENSE', 'index.js']},
	{
		name: `@napi-rs/keyring-${process.platform}-${process.arch}-gnu`,
		files: ['package.json', `keyring.${process.platform}-${process.arch}-gnu.node`],
	},
];

const exists = async (path: string) =>
	stat(path).then(
		() => true,
		() => false,
	);

async function readPackage(path: string): Promise<PackageJson> {
	return JSON.parse(await readFile(path, 'utf8')) as PackageJson;
}

/** Copies one native module's run-time files; false when it was never built here. */
async function stageNativeModule(
	root: string,
	stage: string,
	module: (typeof nativeModules)[number],
): Promise<string | undefined> {
	const from = join(root, 'node_modules', module.name);
	for (const file of module.files) if (!(await exists(join(from, file)))) return undefined;
	const to = join(stage, 'node_modules', module.name);
	for (const file of module.files) await cp(join(from, file), join(to, file), {recursive: true});
	const manifest = await readPackage(join(from, 'package.json'));
	// What npm would build or fetch on install goes; so does `files`, which names the sources a
	// build starts from and would leave the built module out of the tarball.
	const dropped = [
		'scripts',
		'dependencies',
		'optionalDependencies',
		'devDependencies',
		'gypfile',
		'files',
	];
	for (const key of dropped) delete manifest[key];
	await writeFile(join(to, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
	return manifest.version;
}

/** Writes the package into `stage`; returns its package.json and the native modules left out. */
export async function stageRelease(root: string, stage: string) {
	await rm(stage, {recursive: true, force: true});
	await mkdir(stage, {recursive: true});
	const project = await readPackage(join(root, 'package.json'));
	await bundleProgram(join(stage, 'dist'));
	await cp(join(root, 'readme.md'), join(stage, 'readme.md'));
	const bundled: Record<string, string> = {};
	const missing: string[] = [];
	for (const module of nativeModules) {
		const version = await stageNativeModule(root, stage, module);
		if (version) bundled[module.name] = version;
		else missing.push(module.name);
	}
	const manifest: PackageJson = {
		name: project.name,
		version: project.version,
		description: project['description'],
		license: project['license'],
		type: 'module',
		bin: project['bin'],
		engines: project['engines'],
		files: ['dist', 'readme.md'],
		dependencies: bundled,
		bundleDependencies: Object.keys(bundled),
	};
	await writeFile(join(stage, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
	return {manifest, missing};
}
