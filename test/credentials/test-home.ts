import {mkdir, mkdtemp, readdir, readFile, rm, stat} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

/** Every Keystone test password: no file ivjm writes may hold one. */
export const testPasswords = ['requesterpass', 'analystpass', 'readerpass', 'wrong-password-7'];

/**
 * A private HOME with its own XDG folders for one test, under a root shared by one test file,
 * so that after the file's tests every file they made can be searched for passwords.
 */
export class TestHomes {
	private root: Promise<string> | undefined;

	async make(label: string): Promise<TestHome> {
		// One root for all: tests ask at the same time, so the first promise is shared.
		this.root ??= mkdtemp(join(tmpdir(), 'ivjm-credentials-'));
		const home = join(await this.root, 'homes', label.replace(/[^a-z\d]+/giu, '-'));
		await mkdir(home, {recursive: true});
		return new TestHome(home);
	}

	/** Every file under every home, for the password search. */
	async files(): Promise<string[]> {
		return this.root ? filesUnder(join(await this.root, 'homes')) : [];
	}

	/** A folder outside every home, for what a test writes itself (a clouds.yaml). */
	async inputs(label: string): Promise<string> {
		this.root ??= mkdtemp(join(tmpdir(), 'ivjm-credentials-'));
		const folder = join(await this.root, 'inputs', label.replace(/[^a-z\d]+/giu, '-'));
		await mkdir(folder, {recursive: true});
		return folder;
	}

	async remove(): Promise<void> {
		if (this.root) await rm(await this.root, {recursive: true, force: true, maxRetries: 5});
	}
}

export class TestHome {
	constructor(readonly home: string) {}

	get config(): string {
		return join(this.home, '.config');
	}

	get state(): string {
		return join(this.home, '.local', 'state');
	}

	get stateFile(): string {
		return join(this.state, 'ivjm', 'sign-in.json');
	}

	get configFile(): string {
		return join(this.config, 'ivjm', 'config.json');
	}

	/** The environment of a process that runs as a person whose home this is. */
	environment(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
		const environment: NodeJS.ProcessEnv = {
			PATH: process.env['PATH'],
			HOME: this.home,
			XDG_CONFIG_HOME: this.config,
			XDG_STATE_HOME: this.state,
			XDG_DATA_HOME: join(this.home, '.local', 'share'),
			XDG_CACHE_HOME: join(this.home, '.cache'),
		};
		for (const [name, value] of Object.entries(extra)) {
			if (value !== undefined) environment[name] = value;
		}
		return environment;
	}
}

/** Every file under `folder`, at any depth. */
export async function filesUnder(folder: string): Promise<string[]> {
	const found: string[] = [];
	for (const entry of await readdir(folder, {withFileTypes: true}).catch(() => [])) {
		const path = join(folder, entry.name);
		if (entry.isDirectory()) found.push(...(await filesUnder(path)));
		else if (entry.isFile()) found.push(path);
	}
	return found;
}

/** Files that hold one of `secrets` in clear. */
export async function filesHolding(files: string[], secrets: string[]): Promise<string[]> {
	const holding: string[] = [];
	for (const file of files) {
		const bytes = await readFile(file).catch(() => Buffer.alloc(0));
		if (secrets.some((secret) => bytes.includes(secret))) holding.push(file);
	}
	return holding;
}

/** The permission bits of a file or folder, e.g. 0o600. */
export async function modeOf(path: string): Promise<number> {
	return (await stat(path)).mode & 0o777;
}
