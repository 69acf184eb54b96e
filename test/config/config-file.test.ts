import test from 'ava';
import {ConfigError} from '../../source/config/config-error.js';
import {parseConfigFile} from '../../source/config/config-file.js';

const file = '/home/jdoe/.config/ivjm/config.json';
const parse = (json: string) => parseConfigFile(json, file);

test('a complete config file is read as it is written', (t) => {
	const config = parse(
		JSON.stringify({
			authUrl: 'https://pouta.csc.fi:5001/v3',
			project: 'project_2004504',
			bucket: 'project_2004504-intervene-tasks',
			role: 'analyst',
			biobank: 'HUS',
			downloadDir: '~/downloads',
			workDir: '/scratch/work',
			refreshSeconds: 30,
			keyring: 'kernel',
		}),
	);
	t.is(config.role, 'analyst');
	t.is(config.refreshSeconds, 30);
});

test('an unknown key names the file, the key, the likely key and the fix', (t) => {
	const error = t.throws(() => parse('{"projcet": "project_2004504"}'), {instanceOf: ConfigError});
	t.regex(
		error.message,
		/^\/home\/jdoe\/\.config\/ivjm\/config\.json: unknown key "projcet": did you mean "project"\? remove or rename it; the keys are store, authUrl/u,
	);
});

test('a wrong type names the key, what it must be and what was found', (t) => {
	const error = t.throws(() => parse('{"refreshSeconds": "15"}'), {instanceOf: ConfigError});
	t.regex(
		error.message,
		/key "refreshSeconds" must be a number of seconds without quotes, e\.g\. 15 \(found "15"\)/u,
	);
});

test('every problem of the file is listed at once', (t) => {
	const error = t.throws(
		() => parse('{"role": "boss", "biobank": "Nowhere", "interface": "private"}'),
		{
			instanceOf: ConfigError,
		},
	);
	t.is(error.problems.length, 3);
	t.regex(error.message, /has 3 problems/u);
	t.regex(error.message, /key "role" must be one of researcher, analyst/u);
	t.regex(
		error.message,
		/key "biobank" must be one of the catalogue's biobanks: HUS, Estonia_Biobank/u,
	);
	t.regex(error.message, /key "interface" must be one of public, internal, admin/u);
});

test('a password in the config file is refused and its value never shown', (t) => {
	const error = t.throws(() => parse('{"password": "hunter2-secret"}'), {instanceOf: ConfigError});
	t.regex(error.message, /a password or token does not belong in the config file; remove it/u);
	t.regex(error.message, /OS_PASSWORD/u);
	t.false(error.message.includes('hunter2-secret'));
});

test('a project id must look like one, and a name is pointed to "project"', (t) => {
	const error = t.throws(() => parse('{"projectId": "project_2004504"}'), {
		instanceOf: ConfigError,
	});
	t.regex(error.message, /for a name such as "project_2004504" use "project"/u);
});

test("broken JSON says so, with the parser's position, and how to get the defaults back", (t) => {
	const error = t.throws(() => parse('{"project": "project_2004504",}'), {instanceOf: ConfigError});
	t.regex(
		error.message,
		/is not valid JSON \(.*\): fix the syntax, or move the file away to use the defaults/u,
	);
});

test('a bucket name is checked like the protocol checks names', (t) => {
	const error = t.throws(() => parse('{"bucket": "a/b"}'), {instanceOf: ConfigError});
	t.regex(error.message, /key "bucket"/u);
});
