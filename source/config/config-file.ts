import {readFile} from 'node:fs/promises';
import {z} from 'zod';
import {builtInCatalogue} from '../protocol/catalogue.js';
import {checkName} from '../protocol/names.js';
import {ConfigError} from './config-error.js';
import {endpointInterfaces, keyringChoices, looksLikeProjectId, roles} from './defaults.js';
import {tildePath} from './home-path.js';
import {watchConfigSchema} from '../watch/watch-config.js';

const biobankIds = builtInCatalogue.biobanks.map((biobank) => biobank.id);

const text = (fix: string) =>
	z
		.string({error: fix})
		.trim()
		.min(1, {error: `must not be empty: ${fix}`});

/** Every key of `config.json`, with the fix a person needs when its value is wrong. */
const schema = z
	.strictObject({
		store: z
			.string({error: 'must be "swift", "demo" or "local:/a/folder"'})
			.regex(/^(swift|demo|local:.+)$/u, {
				error: 'must be "swift", "demo" or "local:/a/folder"',
			}),
		authUrl: z.url({
			protocol: /^https?$/u,
			error: 'must be the Keystone URL, e.g. "https://pouta.csc.fi:5001/v3"',
		}),
		username: text('your CSC user name, e.g. "jdoe"'),
		project: text('the project name, e.g. "project_2004504"'),
		projectId: z
			.string({
				error: 'must be a Keystone project id (32 hex digits), or use "project" for the name',
			})
			.refine(looksLikeProjectId, {
				error:
					'must be a Keystone project id (32 hex digits); for a name such as "project_2004504" use "project"',
			}),
		userDomain: text('the user domain name, at CSC "Default"'),
		projectDomain: text('the project domain name, at CSC "Default"'),
		region: text('the region name of the object store, e.g. "regionOne"'),
		interface: z.enum(endpointInterfaces, {
			error: `must be one of ${endpointInterfaces.join(', ')}`,
		}),
		cloud: text('the name of an entry under "clouds:" in clouds.yaml'),
		bucket: z
			.string({error: 'must be a bucket name, e.g. "project_2004504-intervene-tasks"'})
			.check((context) => {
				const check = checkName('bucket', context.value);
				if (!check.ok)
					context.issues.push({code: 'custom', input: context.value, message: check.reason});
			}),
		role: z.enum(roles, {error: `must be one of ${roles.join(', ')}`}),
		biobank: z.enum(biobankIds as [string, ...string[]], {
			error: `must be one of the catalogue's biobanks: ${biobankIds.join(', ')}`,
		}),
		downloadDir: text('a folder, e.g. "~/intervene/downloads"'),
		workDir: text('a folder, e.g. "~/intervene/work"'),
		refreshSeconds: z
			.number({error: 'must be a number of seconds without quotes, e.g. 15'})
			.int({error: 'must be a whole number of seconds, e.g. 15'})
			.min(2, {error: 'must be at least 2 seconds'})
			.max(3600, {error: 'must be at most 3600 seconds'}),
		keyring: z.enum(keyringChoices, {error: `must be one of ${keyringChoices.join(', ')}`}),
		watch: watchConfigSchema,
	})
	.partial();

export type ConfigFile = z.infer<typeof schema>;
export const configKeys = Object.keys(schema.shape) as Array<keyof ConfigFile>;

/**
 * The config file's settings; none when there is no file. Anything wrong is one `ConfigError`
 * listing every problem with the file, the key and the fix.
 */
export async function readConfigFile(file: string): Promise<ConfigFile | undefined> {
	let raw: string;
	try {
		raw = await readFile(file, 'utf8');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
		throw new ConfigError(tildePath(file), [
			`cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}): check its permissions`,
		]);
	}
	return parseConfigFile(raw, file);
}

export function parseConfigFile(raw: string, file: string): ConfigFile {
	const where = tildePath(file);
	let json: unknown;
	try {
		json = JSON.parse(raw);
	} catch (error) {
		throw new ConfigError(where, [
			`is not valid JSON (${(error as Error).message}): fix the syntax, or move the file away to use the defaults`,
		]);
	}
	if (typeof json !== 'object' || json === null || Array.isArray(json)) {
		throw new ConfigError(where, [
			'must hold one JSON object, e.g. {"project": "project_2004504"}',
		]);
	}
	const result = schema.safeParse(json);
	if (result.success) return result.data;
	throw new ConfigError(
		where,
		result.error.issues.flatMap((issue) => describe(issue, json)),
	);
}

function describe(issue: z.core.$ZodIssue, json: object): string[] {
	const where = issue.path.map(String);
	if (issue.code === 'unrecognized_keys') {
		if (where.length === 0) return issue.keys.map(unknownKey);
		return issue.keys.map(
			(name) => `key "${[...where, name].join('.')}" is unknown: ${issue.message}`,
		);
	}
	const key = where.join('.');
	let found: unknown = json;
	for (const step of where) found = (found as Record<string, unknown> | undefined)?.[step];
	// A webhook URL's path is its secret, as a password is.
	const shown =
		key === 'password' || key === 'watch.webhook' ? '' : ` (found ${JSON.stringify(found)})`;
	return [`key "${key}" ${issue.message}${shown}`];
}

function unknownKey(key: string): string {
	if (/pass(word)?|secret|token/iu.test(key)) {
		return (
			`key "${key}": a password or token does not belong in the config file; remove it. ` +
			'ivjm asks for the password and can keep it in your keyring; scripts set OS_PASSWORD ' +
			'(or OS_AUTH_TOKEN and OS_STORAGE_URL)'
		);
	}
	const near = configKeys.find((known) => distance(known.toLowerCase(), key.toLowerCase()) <= 2);
	const hint = near ? `did you mean "${near}"? ` : '';
	return `unknown key "${key}": ${hint}remove or rename it; the keys are ${configKeys.join(', ')}`;
}

/** Levenshtein distance, for "did you mean". */
function distance(a: string, b: string): number {
	let previous = Array.from({length: b.length + 1}, (_, index) => index);
	for (let i = 1; i <= a.length; i++) {
		const current = [i];
		for (let j = 1; j <= b.length; j++) {
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			current[j] = Math.min(
				(previous[j] ?? 0) + 1,
				(current[j - 1] ?? 0) + 1,
				(previous[j - 1] ?? 0) + cost,
			);
		}
		previous = current;
	}
	return previous[b.length] ?? 0;
}
