import test from 'ava';
import {mkdir, mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {ConfigError} from '../../source/config/config-error.js';
import {describeSettings} from '../../source/config/describe-settings.js';
import {loadSettings, type SettingsInput} from '../../source/config/settings.js';
import {chooseStore} from '../../source/config/store-choice.js';

async function folder(t: {teardown: (f: () => Promise<void>) => void}) {
	const root = await mkdtemp(join(tmpdir(), 'ivjm-settings-'));
	t.teardown(() => rm(root, {recursive: true, force: true}));
	const paths = {
		root,
		cwd: join(root, 'cwd'),
		config: join(root, 'config'),
		etc: join(root, 'etc'),
		configFile: join(root, 'config', 'ivjm', 'config.json'),
	};
	for (const path of [
		paths.cwd,
		join(paths.config, 'ivjm'),
		join(paths.config, 'openstack'),
		join(paths.etc, 'openstack'),
	]) {
		await mkdir(path, {recursive: true});
	}
	const load = (input: SettingsInput = {}) =>
		loadSettings({
			cwd: paths.cwd,
			configFile: paths.configFile,
			etc: paths.etc,
			...input,
			environment: {XDG_CONFIG_HOME: paths.config, ...input.environment},
		});
	return {...paths, load};
}

const cloud = (name: string, authUrl: string, extra = '') =>
	`clouds:\n  ${name}:\n    auth:\n      auth_url: ${authUrl}\n      username: cloud-user\n      project_name: project_cloud\n${extra}`;

test("with nothing set, the settings are CSC's and ivjm opens the demo store", async (t) => {
	const {load} = await folder(t);
	const settings = await load();
	t.is(settings.authUrl.value, 'https://pouta.csc.fi:5001/v3');
	t.deepEqual(settings.project.value, {name: 'project_2004504'});
	t.is(settings.userDomain.value, 'Default');
	t.is(settings.projectDomain.value, 'Default');
	t.is(settings.authUrl.source.kind, 'default');
	t.is(chooseStore(settings, false).kind, 'demo');
	const bucket = describeSettings(settings, chooseStore(settings, false)).find(
		(row) => row.key === 'bucket',
	);
	t.is(bucket?.value, 'project_2004504-intervene-tasks');
});

test('flags beat the environment, which beats clouds.yaml, which beats the config file', async (t) => {
	const {load, configFile, cwd} = await folder(t);
	await writeFile(
		configFile,
		JSON.stringify({
			authUrl: 'https://file.example/v3',
			project: 'project_file',
			username: 'file-user',
			region: 'file-region',
			refreshSeconds: 20,
		}),
	);
	await writeFile(
		join(cwd, 'clouds.yaml'),
		cloud('mine', 'https://cloud.example/v3', '    region_name: cloud-region\n'),
	);
	const settings = await load({
		flags: {project: 'project_flag'},
		environment: {OS_CLOUD: 'mine', OS_USERNAME: 'env-user'},
	});
	t.deepEqual(settings.project.value, {name: 'project_flag'});
	t.is(settings.project.source.label, '--project');
	t.is(settings.username?.value, 'env-user');
	t.is(settings.username?.source.label, 'OS_USERNAME');
	t.is(settings.authUrl.value, 'https://cloud.example/v3');
	t.regex(settings.authUrl.source.label, /^clouds\.yaml "mine" auth_url \(.*cwd\/clouds\.yaml\)$/u);
	t.is(settings.region?.value, 'cloud-region');
	t.is(settings.refreshSeconds.value, 20);
	t.regex(settings.refreshSeconds.source.label, /config\.json refreshSeconds$/u);
});

test('OS_PROJECT_ID scopes by id; a 32-hex --project is an id too', async (t) => {
	const {load} = await folder(t);
	const id = '93c9b1c4c28549d3843c108fa77c0b32';
	t.deepEqual((await load({environment: {OS_PROJECT_ID: id}})).project.value, {id});
	t.deepEqual((await load({flags: {project: id}})).project.value, {id});
	const both = await load({environment: {OS_PROJECT_ID: id, OS_PROJECT_NAME: 'project_2004504'}});
	t.deepEqual(both.project.value, {name: 'project_2004504', id});
});

test('clouds.yaml is looked for where the OpenStack clients look: the current folder first, then ~/.config/openstack, then /etc/openstack', async (t) => {
	const {load, cwd, config, etc} = await folder(t);
	await writeFile(join(etc, 'openstack', 'clouds.yaml'), cloud('c', 'https://etc.example/v3'));
	t.is((await load({environment: {OS_CLOUD: 'c'}})).authUrl.value, 'https://etc.example/v3');
	await writeFile(join(config, 'openstack', 'clouds.yaml'), cloud('c', 'https://user.example/v3'));
	t.is((await load({environment: {OS_CLOUD: 'c'}})).authUrl.value, 'https://user.example/v3');
	await writeFile(join(cwd, 'clouds.yaml'), cloud('c', 'https://cwd.example/v3'));
	t.is((await load({environment: {OS_CLOUD: 'c'}})).authUrl.value, 'https://cwd.example/v3');
	const explicit = join(config, 'elsewhere.yaml');
	await writeFile(explicit, cloud('c', 'https://explicit.example/v3'));
	t.is(
		(await load({environment: {OS_CLOUD: 'c', OS_CLIENT_CONFIG_FILE: explicit}})).authUrl.value,
		'https://explicit.example/v3',
	);
});

test('a cloud that is not in clouds.yaml is named with the clouds that are', async (t) => {
	const {load, cwd} = await folder(t);
	await writeFile(join(cwd, 'clouds.yaml'), cloud('allas', 'https://pouta.csc.fi:5001/v3'));
	const error = await t.throwsAsync(load({environment: {OS_CLOUD: 'alas'}}), {
		instanceOf: ConfigError,
	});
	t.regex(error.message, /has no cloud "alas" .*; its clouds are allas/u);
});

test('OS_CLOUD without any clouds.yaml lists the places looked in', async (t) => {
	const {load} = await folder(t);
	const error = await t.throwsAsync(load({environment: {OS_CLOUD: 'allas'}}), {
		instanceOf: ConfigError,
	});
	t.regex(
		error.message,
		/no clouds\.yaml found; looked in .*cwd\/clouds\.yaml, .*openstack\/clouds\.yaml, .*etc\/openstack\/clouds\.yaml/u,
	);
});

test('OS_AUTH_TOKEN without OS_STORAGE_URL, and a wrong OS_INTERFACE, name the variable and the fix', async (t) => {
	const {load} = await folder(t);
	const token = await t.throwsAsync(load({environment: {OS_AUTH_TOKEN: 'gAAAA-secret'}}), {
		instanceOf: ConfigError,
	});
	t.regex(token.message, /^OS_AUTH_TOKEN: is set but OS_STORAGE_URL is not: set both/u);
	t.false(token.message.includes('gAAAA-secret'));
	const endpoint = await t.throwsAsync(load({environment: {OS_INTERFACE: 'private'}}), {
		instanceOf: ConfigError,
	});
	t.regex(endpoint.message, /^OS_INTERFACE: "private" must be one of public, internal, admin/u);
	t.is((await load({environment: {OS_INTERFACE: 'internalURL'}})).interface.value, 'internal');
});

test('which store opens: --store decides, then a token pair, then any sign-in setting, then an earlier sign-in', async (t) => {
	const {load} = await folder(t);
	t.deepEqual(
		chooseStore(
			await load({flags: {store: 'local:/tmp/x'}, environment: {OS_USERNAME: 'u'}}),
			true,
		),
		{kind: 'local', root: '/tmp/x', why: '--store'},
	);
	t.is(
		chooseStore(await load({flags: {store: 'demo'}, environment: {OS_USERNAME: 'u'}}), true).kind,
		'demo',
	);
	t.is(
		chooseStore(
			await load({environment: {OS_AUTH_TOKEN: 't', OS_STORAGE_URL: 'https://a3s.fi/v1/AUTH_x'}}),
			false,
		).kind,
		'swift-token',
	);
	t.deepEqual(chooseStore(await load({environment: {OS_USERNAME: 'u'}}), false), {
		kind: 'swift',
		why: 'OS_USERNAME is set',
	});
	t.is(
		chooseStore(await load({flags: {user: 'jdoe'}}), false).kind,
		'demo',
		'--user alone names the demo user',
	);
	t.is(chooseStore(await load(), true).kind, 'swift');
	t.is(chooseStore(await load({flags: {store: 'swift'}}), false).kind, 'swift');
});

test('ivjm config masks the password and the token and says where each came from', async (t) => {
	const {load} = await folder(t);
	const settings = await load({
		environment: {
			OS_PASSWORD: 'requesterpass',
			OS_AUTH_TOKEN: 'gAAAA-token',
			OS_STORAGE_URL: 'https://a3s.fi/v1/AUTH_x',
		},
	});
	const rows = describeSettings(settings, chooseStore(settings, false));
	const text = JSON.stringify(rows);
	t.false(text.includes('requesterpass'));
	t.false(text.includes('gAAAA-token'));
	t.deepEqual(
		rows.find((row) => row.key === 'password'),
		{key: 'password', value: 'set', from: 'OS_PASSWORD'},
	);
});
