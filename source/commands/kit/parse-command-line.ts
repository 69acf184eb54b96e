import meow from 'meow';
import {checkChoice, didYouMean} from './did-you-mean.js';
import {flagUsage, kebab, type FlagSpecs, type FlagValues} from './flags.js';
import {UsageError} from './usage-error.js';

export type ParsedCommandLine<Flags extends FlagSpecs> = {
	flags: FlagValues<Flags>;
	/** The words that are not flags, the command's name excluded. */
	args: string[];
};

type MeowFlag = {type: 'string' | 'boolean'; isMultiple?: boolean; shortFlag?: string};

/**
 * Parses `argv` (the command's name removed) against the flags a command declares, with meow.
 * Refuses what meow lets through: an unknown flag (with the nearest known one), a flag without
 * its value, and a value outside a flag's choices.
 */
export function parseCommandLine<Flags extends FlagSpecs>(
	argv: readonly string[],
	specs: Flags,
): ParsedCommandLine<Flags> {
	const meowFlags: Record<string, MeowFlag> = {};
	for (const [name, spec] of Object.entries(specs)) {
		meowFlags[name] =
			spec.type === 'strings' ? {type: 'string', isMultiple: true} : {type: spec.type};
	}
	if (meowFlags['help']) meowFlags['help'].shortFlag = 'h';
	let parsed: {input: Array<string | number>; unnormalizedFlags: Record<string, unknown>};
	try {
		parsed = meow({
			importMeta: import.meta,
			argv: [...argv],
			flags: meowFlags,
			allowUnknownFlags: true,
			autoHelp: false,
			autoVersion: false,
			booleanDefault: undefined,
		});
	} catch (error) {
		throw new UsageError((error as Error).message.replaceAll('`', ''));
	}
	const known = Object.keys(specs);
	for (const name of Object.keys(parsed.unnormalizedFlags)) {
		if (known.includes(name) || name === '--' || (name === 'h' && specs['help'])) continue;
		const typed = name.length === 1 ? `-${name}` : `--${kebab(name)}`;
		const guess = didYouMean(kebab(name), known.map(kebab));
		throw new UsageError(
			`unknown flag ${typed}${guess ? `; did you mean --${guess}?` : ''}`,
			'`ivjm help COMMAND` lists the flags of a command.',
		);
	}
	const flags: Record<string, unknown> = {};
	for (const [name, spec] of Object.entries(specs)) {
		const value = parsed.unnormalizedFlags[name];
		if (spec.type === 'boolean') {
			flags[name] = value === true;
			continue;
		}
		const values = (Array.isArray(value) ? value : value === undefined ? [] : [value]).map(String);
		if (values.some((text) => text === '')) {
			throw new UsageError(`--${kebab(name)} needs a value: ${flagUsage(name, spec)}`);
		}
		if (spec.type === 'strings') {
			flags[name] = values;
			continue;
		}
		if (values.length > 1) throw new UsageError(`--${kebab(name)} can be given only once.`);
		const [single] = values;
		flags[name] =
			single !== undefined && spec.choices
				? checkChoice(spec.choices.what, single, spec.choices.values())
				: single;
	}
	return {flags: flags as FlagValues<Flags>, args: parsed.input.map(String)};
}
