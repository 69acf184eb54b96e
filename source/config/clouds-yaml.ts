import {readFile} from 'node:fs/promises';
import {homedir} from 'node:os';
import {join} from 'node:path';
import {parse} from 'yaml';
import {ConfigError} from './config-error.js';
import {tildePath} from './home-path.js';

/** The settings of one cloud in clouds.yaml that ivjm uses (OpenStack's own key names). */
export type CloudEntry = {
	file: string;
	cloud: string;
	authUrl?: string;
	username?: string;
	password?: string;
	projectName?: string;
	projectId?: string;
	userDomain?: string;
	projectDomain?: string;
	region?: string;
	interface?: string;
	token?: string;
};

export type CloudsPlaces = {cwd: string; environment: NodeJS.ProcessEnv; etc?: string};

/**
 * Where the OpenStack clients look for clouds.yaml, in their order: `OS_CLIENT_CONFIG_FILE`, the
 * current folder, the user's config folder, then /etc/openstack. The first file found is used.
 */
export function cloudsYamlCandidates({cwd, environment, etc = '/etc'}: CloudsPlaces): string[] {
	const explicit = environment['OS_CLIENT_CONFIG_FILE'];
	if (explicit) return [explicit];
	const configHome = environment['XDG_CONFIG_HOME'] || join(homedir(), '.config');
	return [cwd, join(configHome, 'openstack'), join(etc, 'openstack')].flatMap((folder) => [
		join(folder, 'clouds.yaml'),
		join(folder, 'clouds.yml'),
	]);
}

/** secure.yaml sits next to clouds.yaml and holds the passwords (merged over clouds.yaml). */
function secureYamlFor(cloudsFile: string): string[] {
	const folder = cloudsFile.slice(0, cloudsFile.lastIndexOf('/') + 1);
	return [`${folder}secure.yaml`, `${folder}secure.yml`];
}

/** The named cloud of the first clouds.yaml found; a clear error if there is none. */
export async function readCloud(cloud: string, places: CloudsPlaces): Promise<CloudEntry> {
	const candidates = cloudsYamlCandidates(places);
	for (const file of candidates) {
		const clouds = await readYamlClouds(file);
		if (!clouds) continue;
		const entry = clouds[cloud];
		if (!isRecord(entry)) {
			const names = Object.keys(clouds);
			throw new ConfigError(tildePath(file), [
				`has no cloud "${cloud}" (asked for by OS_CLOUD or the cloud setting)` +
					(names.length > 0 ? `; its clouds are ${names.join(', ')}` : '; it lists no clouds'),
			]);
		}
		let merged = entry;
		for (const secureFile of secureYamlFor(file)) {
			const secure = await readYamlClouds(secureFile);
			const secureEntry = secure?.[cloud];
			if (isRecord(secureEntry)) merged = deepMerge(merged, secureEntry);
		}
		return toEntry(file, cloud, merged);
	}
	throw new ConfigError(`cloud "${cloud}"`, [
		`no clouds.yaml found; looked in ${candidates.map((file) => tildePath(file)).join(', ')}. ` +
			'Create one there, or unset OS_CLOUD',
	]);
}

async function readYamlClouds(file: string): Promise<Record<string, unknown> | undefined> {
	let raw: string;
	try {
		raw = await readFile(file, 'utf8');
	} catch {
		return undefined;
	}
	let document: unknown;
	try {
		document = parse(raw);
	} catch (error) {
		throw new ConfigError(tildePath(file), [
			`is not valid YAML (${(error as Error).message.split('\n')[0]}): fix the syntax`,
		]);
	}
	if (!isRecord(document) || !isRecord(document['clouds'])) {
		throw new ConfigError(tildePath(file), [
			'has no "clouds:" mapping at the top: see the OpenStack clouds.yaml format',
		]);
	}
	return document['clouds'];
}

function toEntry(file: string, cloud: string, entry: Record<string, unknown>): CloudEntry {
	const auth = isRecord(entry['auth']) ? entry['auth'] : {};
	const string = (value: unknown) =>
		typeof value === 'string' && value !== ''
			? value
			: typeof value === 'number'
				? String(value)
				: undefined;
	return {
		file,
		cloud,
		authUrl: string(auth['auth_url']),
		username: string(auth['username']),
		password: string(auth['password']),
		projectName: string(auth['project_name']) ?? string(auth['tenant_name']),
		projectId: string(auth['project_id']) ?? string(auth['tenant_id']),
		userDomain: string(auth['user_domain_name']) ?? string(auth['domain_name']),
		projectDomain: string(auth['project_domain_name']) ?? string(auth['domain_name']),
		region: string(entry['region_name']),
		interface: string(entry['interface']),
		token: string(auth['token']),
	};
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function deepMerge(
	base: Record<string, unknown>,
	over: Record<string, unknown>,
): Record<string, unknown> {
	const merged: Record<string, unknown> = {...base};
	for (const [key, value] of Object.entries(over)) {
		const current = merged[key];
		merged[key] = isRecord(current) && isRecord(value) ? deepMerge(current, value) : value;
	}
	return merged;
}
