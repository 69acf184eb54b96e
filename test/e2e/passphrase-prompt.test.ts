/**
 * The passphrase prompt as an analyst meets it: the built ivjm in tmux on the real Swift and
 * Keystone, an encrypted job in HUS's inbox, no C4GH_PASSPHRASE anywhere. Claiming asks for the
 * key's passphrase masked; a wrong one is said so and nothing is claimed; the right one, at the
 * next claim, decrypts the inputs into the job folder.
 */
import {mkdir, readFile, readdir, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import test from 'ava';
import {cliHome, keystoneEnvironment} from '../helpers/run-cli.js';
import {testServers} from '../helpers/servers.js';
import {keystoneStore, swiftContainer} from '../jobs/analyst/swift.js';
import {Terminal} from './terminal.js';

const servers = testServers();
const requester = keystoneStore('requester');
test.after.always(async () => requester.store.close());

test.serial(
	'claiming an encrypted job asks the passphrase masked, says when it is wrong, decrypts with the right one',
	async (t) => {
		t.timeout(300_000);
		const bucket = await swiftContainer(t, 'passphrase-e2e', requester);
		const terminal = await Terminal.open({
			columns: 100,
			rows: 30,
			env: {OS_AUTH_URL: servers.keystoneUrl, IVJM_KEYRING: 'none'},
		});
		t.teardown(() => terminal.close());
		// The analyst's key lives in the terminal's home; made and published with the commands.
		const tool = await cliHome(t, 'passphrase-tool');
		const analystHome = {
			HOME: terminal.home,
			XDG_CONFIG_HOME: join(terminal.home, 'config'),
			XDG_STATE_HOME: join(terminal.home, 'state'),
			XDG_DATA_HOME: join(terminal.home, 'data'),
		};
		const asAnalyst = async (args: string[], env: Record<string, string> = {}) =>
			tool.ivjm([...args, '--store', 'swift', '--bucket', bucket], {
				env: {...keystoneEnvironment(servers.keystoneUrl, 'analyst'), ...analystHome, ...env},
			});
		const made = await asAnalyst(['keys', 'generate'], {C4GH_PASSPHRASE: 'biobank secret'});
		t.is(made.code, 0, made.stderr);
		const published = await asAnalyst(['keys', 'publish', '--biobank', 'HUS']);
		t.is(published.code, 0, published.stderr);

		const researcher = await cliHome(t, 'passphrase-researcher');
		const input = `IID e2e-${Date.now()} AA GT\n`;
		const files = join(researcher.home, 'files');
		await mkdir(files, {recursive: true});
		await writeFile(join(files, 'input.txt'), input);
		await writeFile(join(files, 'README.txt'), 'Run it on input.txt.\n');
		await writeFile(
			join(files, 'task.json'),
			JSON.stringify({
				name: 'e2e encrypted task',
				email: 'requester@example.org',
				biobanks: ['HUS'],
				analysis: 'other',
				outputs: ['scores.tsv'],
				instructions: join(files, 'README.txt'),
			}),
		);
		const submitted = await researcher.ivjm(
			[
				'submit',
				'--task',
				join(files, 'task.json'),
				'--input',
				join(files, 'input.txt'),
				'--store',
				'swift',
				'--bucket',
				bucket,
			],
			{env: keystoneEnvironment(servers.keystoneUrl, 'requester')},
		);
		t.is(submitted.code, 0, submitted.stderr);
		t.regex(submitted.stderr, /Inputs encrypted \(Crypt4GH\)/u);

		await terminal.startIvjm(['--bucket', bucket]);
		// Signed in already: the key commands above ran as the analyst in this home.
		await terminal.waitFor('Who are you today?', 60_000);
		await terminal.press('Down');
		await terminal.press('Enter');
		await terminal.waitFor(/❯ HUS/u);
		await terminal.press('Enter');
		await terminal.waitFor('e2e encrypted task', 30_000);
		await terminal.press('Enter');
		await terminal.waitFor('What it must return', 30_000);

		await terminal.type('c');
		await terminal.waitFor('Proceed? y / n');
		await terminal.type('y');
		const prompt = await terminal.waitFor('Passphrase (enter unlocks, esc cancels)', 30_000);
		t.regex(
			prompt.replaceAll(/[│\n ]+/gu, ' '),
			/is locked; its passphrase is needed to decrypt the inputs of/u,
		);
		await terminal.type('wrong guess');
		const masked = await terminal.waitFor('***********');
		t.false(masked.includes('wrong guess'), 'the typed passphrase is never shown');
		await terminal.press('Enter');
		const refused = await terminal.waitFor('does not unlock', 30_000);
		t.false(refused.includes('wrong guess'));
		t.regex(refused, /○ waiting/u, 'nothing claimed');

		await terminal.type('c');
		await terminal.waitFor('Proceed? y / n');
		await terminal.type('y');
		await terminal.waitFor('Passphrase (enter unlocks, esc cancels)', 30_000);
		await terminal.type('biobank secret');
		await terminal.press('Enter');
		const claimed = await terminal.waitFor(/Claimed\. 2 files .* verified in/u, 120_000);
		t.false(claimed.includes('biobank secret'));
		await terminal.waitFor(/Status at HUS: ◐ processing · claimed by you since/u);
		const work = join(terminal.home, 'intervene', 'work');
		const [jobFolder] = await readdir(work);
		t.truthy(jobFolder);
		t.is(await readFile(join(work, jobFolder!, 'input.txt'), 'utf8'), input);
		t.deepEqual((await readdir(join(work, jobFolder!))).sort(), ['README.txt', 'input.txt']);
	},
);
