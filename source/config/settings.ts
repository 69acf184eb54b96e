import {join} from 'node:path';
import {readCloud} from './clouds-yaml.js';
import {readConfigFile} from './config-file.js';
import {ivjmPaths} from './paths.js';
import {defaults, fromCloud, fromEnvironment, fromFile, fromFlags} from './settings-layers.js';
import {
	settingKeys,
	type Layer,
	type Settings,
	type SettingsFlags,
	type Sourced,
	type Values,
} from './settings-types.js';

export type {ProjectRef, Settings, SettingsFlags, Source, Sourced} from './settings-types.js';
export {environmentVariables} from './settings-layers.js';

export type SettingsInput = {
	flags?: SettingsFlags;
	environment?: NodeJS.ProcessEnv;
	cwd?: string;
	/** Default: `<XDG config>/ivjm/config.json`. */
	configFile?: string;
	/** Where /etc/openstack/clouds.yaml is looked for (tests move it). */
	etc?: string;
};

export function configFilePath(): string {
	return join(ivjmPaths().config, 'config.json');
}

export async function loadSettings(input: SettingsInput = {}): Promise<Settings> {
	const environment = input.environment ?? process.env;
	const flags = input.flags ?? {};
	const configPath = input.configFile ?? configFilePath();
	const file = await readConfigFile(configPath);
	const flagLayer = fromFlags(flags);
	const environmentLayer = fromEnvironment(environment);
	const fileLayer = file ? fromFile(file, configPath) : {};
	const cloud = flagLayer.cloud ?? environmentLayer.cloud ?? fileLayer.cloud;
	const entry = cloud
		? await readCloud(cloud.value, {cwd: input.cwd ?? process.cwd(), environment, etc: input.etc})
		: undefined;
	const cloudLayer = entry ? fromCloud(entry) : {};
	const settings = resolve([flagLayer, environmentLayer, cloudLayer, fileLayer, defaults()]);
	return {
		...settings,
		configFile: {path: configPath, found: file !== undefined},
		...(entry ? {cloudsFile: entry.file} : {}),
	};
}

function resolve(layers: Layer[]): Omit<Settings, 'configFile'> {
	const pick = <Key extends keyof Values>(key: Key): Sourced<Values[Key]> | undefined =>
		layers.find((layer) => layer[key] !== undefined)?.[key];
	const resolved: Layer = {};
	for (const key of settingKeys) {
		const value = pick(key);
		if (value) (resolved as Record<string, unknown>)[key] = value;
	}
	return resolved as Omit<Settings, 'configFile'>;
}
