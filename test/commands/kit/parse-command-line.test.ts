import test from 'ava';
import type {FlagSpecs} from '../../../source/commands/kit/flags.js';
import {parseCommandLine} from '../../../source/commands/kit/parse-command-line.js';
import {UsageError} from '../../../source/commands/kit/usage-error.js';

const specs = {
	help: {type: 'boolean', help: 'this help'},
	json: {type: 'boolean', help: 'JSON out'},
	authUrl: {type: 'string', value: 'URL', help: 'Keystone URL'},
	input: {type: 'strings', value: 'PATH', help: 'an input'},
	biobank: {
		type: 'string',
		value: 'B',
		help: 'a biobank',
		choices: {what: 'biobank', values: () => ['HUS', 'FIMM']},
	},
} as const satisfies FlagSpecs;

const parse = (...argv: string[]) => parseCommandLine(argv, specs);
/** The message a refused command line gets ('accepted' when it is not refused). */
function refusal(argv: string[]): string {
	try {
		parse(...argv);
	} catch (error) {
		if (error instanceof UsageError) return error.message;
		throw error;
	}
	return 'accepted';
}

test('long flags in kebab case, with the value after a space or =; words that are not flags are arguments', (t) => {
	const parsed = parse('1700000000-jdoe', '--auth-url', 'https://k/v3', '--json', 'more');
	t.deepEqual(parsed.args, ['1700000000-jdoe', 'more']);
	t.is(parsed.flags.authUrl, 'https://k/v3');
	t.true(parsed.flags.json);
	t.false(parsed.flags.help);
	t.deepEqual(parsed.flags.input, []);
	t.is(parsed.flags.biobank, undefined);
	t.is(parse('--auth-url=https://k/v3?a=b').flags.authUrl, 'https://k/v3?a=b');
});

test('a flag given several times collects its values; -h is --help; - is a value; after -- nothing is a flag', (t) => {
	const parsed = parse(
		'--input',
		'a.bed',
		'--input=b.bed',
		'-h',
		'--input',
		'-',
		'--',
		'--json',
		'-x',
	);
	t.deepEqual(parsed.flags.input, ['a.bed', 'b.bed', '-']);
	t.true(parsed.flags.help);
	t.false(parsed.flags.json);
	t.deepEqual(parsed.args, ['--json', '-x']);
});

test('words that look like numbers stay as they were typed', (t) => {
	t.deepEqual(parse('007', '1e3').args, ['007', '1e3']);
});

test('what is refused, and how it is said', (t) => {
	t.is(refusal(['--jsn']), 'unknown flag --jsn; did you mean --json?');
	t.is(refusal(['-x']), 'unknown flag -x');
	t.is(refusal(['--auth-url']), '--auth-url needs a value: --auth-url URL');
	t.is(refusal(['--auth-url', '--json']), '--auth-url needs a value: --auth-url URL');
	t.is(refusal(['--auth-url=']), '--auth-url needs a value: --auth-url URL');
	t.is(refusal(['--auth-url', 'a', '--auth-url', 'b']), '--auth-url can be given only once.');
	t.is(refusal(['--json=yes']), '--json takes no value.');
	t.regex(refusal(['--biobank', 'XYZ']), /biobank/u);
	t.is(parse('--biobank', 'HUS').flags.biobank, 'HUS');
});
