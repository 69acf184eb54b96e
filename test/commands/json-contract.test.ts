import {Writable} from 'node:stream';
import {access} from 'node:fs/promises';
import {join} from 'node:path';
import test from 'ava';
import {
	commandDocuments,
	configDocument,
	errorDocument,
	giveUpDocument,
	helpDocument,
	logoutDocument,
} from '../../source/commands/json-shapes.js';
import {runCommand} from '../../source/commands/kit/run-command.js';
import {commands, findCommand} from '../../source/commands/registry.js';
import {cliHome, keystoneEnvironment, parsedJson} from '../helpers/run-cli.js';
import {testServers} from '../helpers/servers.js';
import {keystoneStore, swiftContainer} from '../jobs/analyst/swift.js';
import {localStore, seedJob} from '../jobs/analyst/seed.js';

const servers = testServers();

/** A writable that keeps what is written, as a pipe would take it. */
function collector() {
	const chunks: string[] = [];
	const stream = new Writable({
		write(chunk: Buffer, _encoding, done) {
			chunks.push(chunk.toString());
			done();
		},
	});
	return {stream, text: () => chunks.join('')};
}

/** One command run by the kit in this process; a session it opens fails the test. */
async function inProcess(name: string, args: string[]) {
	const command = findCommand(name);
	if (!command) throw new Error(`no command ${name}`);
	const stdout = collector();
	const stderr = collector();
	const code = await runCommand(command, args, {
		stdout: stdout.stream,
		stderr: stderr.stream,
		openSession: async () => {
			throw new Error(`${name} ${args.join(' ')} opened a session`);
		},
	});
	return {code, stdout: stdout.text(), stderr: stderr.text()};
}
const exists = async (path: string) =>
	access(path).then(
		() => true,
		() => false,
	);

test('every command has its document in the one schema module', (t) => {
	const names = commands.map((command) => command.name).sort();
	t.deepEqual(names, Object.keys(commandDocuments).sort());
});

test('--help and help COMMAND print the flags and run nothing: logout --help leaves the sign-in in place', async (t) => {
	const {home, ivjm} = await cliHome(t, 'contract');
	const own = await swiftContainer(t, 'contract', keystoneStore('requester'));
	const env = keystoneEnvironment(servers.keystoneUrl, 'requester');
	const signedIn = await ivjm(['config', '--check', '--bucket', own, '--json'], {env});
	t.is(signedIn.code, 0, signedIn.stderr);
	const config = parsedJson(t, signedIn, configDocument);
	t.like(config.check, {user: 'requester', bucket: own, bucketExists: true});
	t.true(config.settings.some((row) => row.key === 'password' && row.value === 'set'));
	t.false(signedIn.stdout.includes('requesterpass'));
	const saved = join(home, 'state', 'ivjm', 'sign-in.json');
	t.true(await exists(saved));

	for (const args of [
		['logout', '--help'],
		['help', 'logout'],
		['logout', '-h', '--json'],
	]) {
		const help = await ivjm(args);
		t.is(help.code, 0, help.stderr);
		t.regex(help.stdout, /^Usage: ivjm logout/u);
		t.true(await exists(saved), `${args.join(' ')} signed out`);
	}
	const described = parsedJson(t, await ivjm(['help', 'deliver', '--json']), helpDocument);
	t.deepEqual(
		described.commands[0]?.flags.map((flag) => flag.flag),
		['--biobank B', '--dir D', '--extra FILE…', '--hold FILE…', '--justify FILE=WHY…'],
	);

	const logout = await ivjm(['logout', '--json']);
	t.is(logout.code, 0, logout.stderr);
	t.true(parsedJson(t, logout, logoutDocument).removed.some((what) => what.includes('sign-in')));
	t.false(await exists(saved));

	const missing = await ivjm(['config', '--check', '--bucket', `${own}-not-there`, '--json'], {
		env,
	});
	t.is(missing.code, 4);
	const error = parsedJson(t, missing, errorDocument).error;
	t.is(error.code, 'not-found');
	t.regex(error.nextStep ?? '', /Check the bucket's name/u);
});

test('--help of every command prints its usage and never opens a session (in process)', async (t) => {
	for (const command of commands) {
		const run = await inProcess(command.name, ['--help', '--json']);
		t.is(run.code, 0, `${command.name}: ${run.stderr}`);
		t.regex(run.stdout, new RegExp(`^Usage: ivjm ${command.name}`, 'u'));
	}
});

test('typos exit 2 with a suggestion, in words and as the one JSON error', async (t) => {
	const cases: Array<[string, string[], RegExp]> = [
		['jobs', ['--jsn'], /^ivjm: unknown flag --jsn; did you mean --json\?$/mu],
		['inbox', ['--biobank', 'hus'], /^ivjm: unknown biobank hus; did you mean HUS\?$/mu],
		['inbox', ['--biobank', 'XYZ'], /^ivjm: unknown biobank XYZ; one of /mu],
		['show', [], /^ivjm: ivjm show needs the JOBID/mu],
		['delete', ['1700000000-x', 'extra'], /one too many/u],
	];
	for (const [name, args, message] of cases) {
		const run = await inProcess(name, args);
		t.is(run.code, 2, `${name} ${args.join(' ')}`);
		t.regex(run.stderr, message);
		t.is(run.stdout, '');
		const json = await inProcess(name, [...args, '--json']);
		t.is(json.code, 2);
		t.is(parsedJson(t, json, errorDocument).error.code, 'usage');
	}
	// The same through the built program, and a command that does not exist.
	const {ivjm} = await cliHome(t, 'typos');
	const typo = await ivjm(['inbox', '--biobank', 'hus', '--store', 'demo']);
	t.is(typo.code, 2);
	t.regex(typo.stderr, /^ivjm: unknown biobank hus; did you mean HUS\?$/mu);
	const command = await ivjm(['jbos', '--json']);
	t.is(command.code, 2);
	t.regex(command.stderr, /^ivjm: no command jbos; did you mean jobs\?$/mu);
	t.is(parsedJson(t, command, errorDocument).error.code, 'usage');
});

test('fail prints the same document as decline; every time in a document is UTC with Z', async (t) => {
	const {store, folder} = await localStore(t);
	const jobId = await seedJob(store, {seconds: 1_700_000_000, biobanks: ['HUS']});
	const {ivjm} = await cliHome(t, 'fail');
	const as = (...args: string[]) =>
		ivjm([...args, '--store', `local:${join(folder, 'store')}`, '--user', 'lvirtanen']);
	const work = join(folder, 'work');
	t.is((await as('claim', jobId, '--biobank', 'HUS', '--dir', work)).code, 0);
	const failed = await as('fail', jobId, '--biobank', 'HUS', '--reason', 'out of memory', '--json');
	t.is(failed.code, 0, failed.stderr);
	t.like(parsedJson(t, failed, giveUpDocument), {id: jobId, status: 'failed', by: 'lvirtanen'});
	const inbox = await as('inbox', '--biobank', 'HUS', '--json');
	const times = inbox.stdout.match(/"\d{4}-\d\d-\d\dT[^"]*"/gu) ?? [];
	t.true(times.length >= 2, inbox.stdout);
	for (const time of times) t.regex(time, /^"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z"$/u);
});
