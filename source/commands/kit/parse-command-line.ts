import {checkChoice, didYouMean} from './did-you-mean.js';
import {flagUsage, kebab, type FlagSpecs, type FlagValues} from './flags.js';
import {UsageError} from './usage-error.js';

export type ParsedCommandLine<Flags extends FlagSpecs> = {
	flags: FlagValues<Flags>;
	/** The words that are not flags, the command's name excluded. */
	args: string[];
};

/** `auth-url` → `authUrl` (a name typed in camelCase stays as it is). */
function camel(typed: string): string {
	return typed.replaceAll(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

/** A word that is a flag, not a value: `-h`, `--json` (`-` alone is a value: standard input). */
function isFlag(word: string): boolean {
	return word.startsWith('-') && word !== '-';
}

/**
 * Parses `argv` (the command's name removed) against the flags a command declares: `--name
 * VALUE`, `--name=VALUE`, `-h` for `--help`, and `--` before words that are never flags. Refuses
 * an unknown flag (with the nearest known one), a flag without its value, a value on a yes/no
 * flag, a second value where one is taken, and a value outside a flag's choices. Our own few
 * lines rather than a parser package: the command line is all long flags, and every start of
 * ivjm pays for the code it loads (meow brought 250 KB, package.json readers included).
 */
export function parseCommandLine<Flags extends FlagSpecs>(
	argv: readonly string[],
	specs: Flags,
): ParsedCommandLine<Flags> {
	const known = Object.keys(specs);
	const given = new Map<string, string[]>();
	const args: string[] = [];
	for (let index = 0; index < argv.length; index++) {
		const word = argv[index] ?? '';
		if (word === '--') {
			args.push(...argv.slice(index + 1));
			break;
		}
		if (!isFlag(word)) {
			args.push(word);
			continue;
		}
		const long = word.startsWith('--');
		const equals = word.indexOf('=');
		const typed = long ? word.slice(2, equals === -1 ? undefined : equals) : word.slice(1);
		const name = long ? camel(typed) : typed === 'h' && specs['help'] ? 'help' : undefined;
		const spec = name === undefined ? undefined : specs[name];
		if (name === undefined || spec === undefined) {
			const guess = didYouMean(kebab(typed), known.map(kebab));
			throw new UsageError(
				`unknown flag ${long ? '--' : '-'}${typed}${guess ? `; did you mean --${guess}?` : ''}`,
				'`ivjm help COMMAND` lists the flags of a command.',
			);
		}
		if (spec.type === 'boolean') {
			if (long && equals !== -1) throw new UsageError(`--${kebab(name)} takes no value.`);
			given.set(name, []);
			continue;
		}
		let value = long && equals !== -1 ? word.slice(equals + 1) : undefined;
		const next = argv[index + 1];
		if (value === undefined && next !== undefined && !isFlag(next)) {
			value = next;
			index++;
		}
		if (!value) throw new UsageError(`--${kebab(name)} needs a value: ${flagUsage(name, spec)}`);
		given.set(name, [...(given.get(name) ?? []), value]);
	}

	const flags: Record<string, unknown> = {};
	for (const [name, spec] of Object.entries(specs)) {
		const values = given.get(name);
		if (spec.type === 'boolean') {
			flags[name] = values !== undefined;
			continue;
		}
		if (spec.type === 'strings') {
			flags[name] = values ?? [];
			continue;
		}
		if (values && values.length > 1) {
			throw new UsageError(`--${kebab(name)} can be given only once.`);
		}
		const single = values?.[0];
		flags[name] =
			single !== undefined && spec.choices
				? checkChoice(spec.choices.what, single, spec.choices.values())
				: single;
	}
	return {flags: flags as FlagValues<Flags>, args};
}
