import type {SettingsFlags} from '../../config/settings.js';
import {builtInCatalogue} from '../../protocol/catalogue.js';

/**
 * One flag of a command: its type, the placeholder of its value and the help line. A flag with
 * `choices` takes only those values (checked case-insensitively, with a suggestion). Names are
 * camelCase here and kebab-case on the command line (`authUrl` is `--auth-url`).
 */
export type FlagSpec =
	| {type: 'boolean'; help: string}
	| {type: 'string'; value: string; help: string; choices?: Choices; required?: true}
	| {type: 'strings'; value: string; help: string};

/** The set a value must come from, and what one of them is called ("biobank"). */
export type Choices = {what: string; values: () => readonly string[]};

export type FlagSpecs = Record<string, FlagSpec>;

/** The parsed values: a boolean, a string or undefined, a list (empty when not given). */
export type FlagValues<Flags extends FlagSpecs> = {
	[Name in keyof Flags]: Flags[Name]['type'] extends 'boolean'
		? boolean
		: Flags[Name]['type'] extends 'strings'
			? string[]
			: string | undefined;
};

export const biobankChoices: Choices = {
	what: 'biobank',
	values: () => builtInCatalogue.biobanks.map((biobank) => biobank.id),
};

export const analysisChoices: Choices = {
	what: 'analysis type',
	values: () => builtInCatalogue.analysisTypes.map((type) => type.id),
};

/** The flags every command (and the TUI) takes: where the store is, and how to answer. */
export const commonFlags = {
	store: {
		type: 'string',
		value: 'STORE',
		help: 'swift, demo, or local:DIR (a folder as the store)',
	},
	user: {type: 'string', value: 'NAME', help: 'your CSC user name (demo store: jdoe)'},
	project: {type: 'string', value: 'PROJECT', help: 'CSC project name or id (32 hex digits)'},
	authUrl: {type: 'string', value: 'URL', help: 'Keystone URL'},
	bucket: {type: 'string', value: 'NAME', help: 'bucket (default <project>-intervene-tasks)'},
	cloud: {type: 'string', value: 'NAME', help: 'an entry of clouds.yaml (as OS_CLOUD)'},
	json: {type: 'boolean', help: 'one JSON document on stdout (errors too)'},
	debug: {type: 'boolean', help: 'show the stack trace of an unexpected error'},
	help: {type: 'boolean', help: 'show this help and do nothing else'},
} as const satisfies FlagSpecs;

export type CommonFlags = FlagValues<typeof commonFlags>;

/** The common flags that choose the store and the sign-in, as the settings take them. */
export function settingsFlagsOf(flags: CommonFlags): SettingsFlags {
	const {store, user, project, authUrl, bucket, cloud} = flags;
	return {store, user, project, authUrl, bucket, cloud};
}

/** `authUrl` → `auth-url`. */
export function kebab(name: string): string {
	return name.replaceAll(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

/** `--auth-url URL`, `--json`, `--input PATH…` (in brackets when optional, with `optional`). */
export function flagUsage(name: string, spec: FlagSpec, optional = false): string {
	const usage = flagWords(name, spec);
	return optional && !(spec.type === 'string' && spec.required) ? `[${usage}]` : usage;
}

function flagWords(name: string, spec: FlagSpec): string {
	if (spec.type === 'boolean') return `--${kebab(name)}`;
	return `--${kebab(name)} ${spec.value}${spec.type === 'strings' ? '…' : ''}`;
}
