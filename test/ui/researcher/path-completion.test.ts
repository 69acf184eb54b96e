import test from 'ava';
import {mkdir, mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {completePath} from '../../../source/ui/screens/researcher/new-request/path-completion.js';

test('completePath: ~ is the home folder and stays ~, folders get a /, dot files only when asked', async (t) => {
	const home = await mkdtemp(join(tmpdir(), 'ivjm-complete-'));
	t.teardown(() => rm(home, {recursive: true, force: true}));
	await mkdir(join(home, 'data'));
	await writeFile(join(home, 'data', 'pheno.tsv'), '');
	await writeFile(join(home, 'data', 'pheno.tsv.gz'), '');
	await writeFile(join(home, '.hidden'), '');
	const places = {home, cwd: join(home, 'data')};
	t.deepEqual(completePath('~', places), {value: '~/', candidates: []});
	t.deepEqual(completePath('~/d', places), {value: '~/data/', candidates: []});
	t.deepEqual(completePath('~/data/ph', places), {value: '~/data/pheno.tsv', candidates: []});
	t.deepEqual(completePath('~/data/pheno.tsv', places), {
		value: '~/data/pheno.tsv',
		candidates: ['pheno.tsv', 'pheno.tsv.gz'],
	});
	t.deepEqual(completePath('ph', places).value, 'pheno.tsv', 'relative to the current folder');
	t.deepEqual(completePath('~/', places).candidates, [], 'one entry besides the dot file');
	t.is(completePath('~/', places).value, '~/data/');
	t.is(completePath('~/.h', places).value, '~/.hidden');
	t.regex(completePath('~/x', places).problem ?? '', /Nothing in ~\/ starts with x/u);
	t.regex(completePath('~/nope/x', places).problem ?? '', /~\/nope\/ cannot be read \(ENOENT\)/u);
});
