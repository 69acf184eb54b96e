/**
 * `npm run release`: what a secure host without internet installs, written into release/:
 *
 * - `ivjm-<version>.tgz`, installed with `npm install -g ./ivjm-<version>.tgz` and no registry;
 * - `ivjm-<platform>-<arch>`, one file that runs where Node is not installed.
 *
 * Both carry the bundle `npm run build` makes and the native keyring modules built here.
 * `--out DIR` writes them elsewhere (the tests do, beside a running suite that uses dist/).
 */
import {execFileSync} from 'node:child_process';
import {mkdir, rm} from 'node:fs/promises';
import {join, resolve} from 'node:path';
import {parseArgs} from 'node:util';
import {stageRelease} from './release-stage.js';
import {buildSingleExecutable} from './single-executable.js';

const root = resolve(import.meta.dirname, '..');
const {values} = parseArgs({options: {out: {type: 'string'}}});
const out = resolve(values.out ?? join(root, 'release'));

await rm(out, {recursive: true, force: true});
await mkdir(out, {recursive: true});
const stage = join(out, 'stage');
const {manifest, missing} = await stageRelease(root, stage);
for (const name of missing)
	process.stderr.write(`release: ${name} is not built here; the release goes without it\n`);

const packed = execFileSync('npm', ['pack', '--pack-destination', out, '--json'], {
	cwd: stage,
	encoding: 'utf8',
	env: {...process.env, npm_config_ignore_scripts: 'true'},
});
const [{filename}] = JSON.parse(packed) as [{filename: string}];
const executable = join(out, `ivjm-${process.platform}-${process.arch}`);
await buildSingleExecutable(
	root,
	stage,
	join(out, 'executable-work'),
	executable,
	manifest.version,
);
await rm(join(out, 'executable-work'), {recursive: true, force: true});
process.stdout.write(`${join(out, filename)}\n${executable}\n`);
